"""Codes of the geography."""

#: A municipality's code: the CBS code (GM + 4 digits) in the Netherlands, "BE" + the NIS code
#: (5 digits) in Belgium (docs/adr/0008-flanders.md): codes of two countries never collide.
MUNICIPALITY_CODE = r"^(GM[0-9]{4}|BE[0-9]{5})$"
