"""Reading fields from a document's layout.

- :mod:`~extractors.fields.anchoring`: values beside their labels (``anchors.yaml``);
- :mod:`~extractors.fields.values`: what a name, a title, an ID, a number looks like;
- :mod:`~extractors.fields.identifiers`: the certificate ID and verification address;
- :mod:`~extractors.fields.issue_date`: the date of issue;
- :mod:`~extractors.fields.kind`: certificate, screenshot or other;
- :mod:`~extractors.fields.reader`: all of it, with the choice between candidates.
"""
