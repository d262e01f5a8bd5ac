"""Apart from the product's path: ``tanu demo`` (:mod:`.run`, :mod:`.pipeline`), its sample
evidence (:mod:`.evidence`), the issuer stand-in for tests and the demo
(:mod:`.issuer_stand_in`) and the regulation's scenarios written as YAML (:mod:`.scenarios`)."""
