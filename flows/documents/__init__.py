"""Kazakh documents from DOCX templates: the application (Appendix 1), the commission's protocol
(5.9), the transcript insert (5.10, 5.11) and the Registrar's register. The templates in
``templates/`` are the source staff edit; the fields each may use are the context models here."""
