"""The managed list of themes (beleidsthema's), from the VNG analysis "Ruimte en de regio" (2025)
and the ROB advice (2021); see docs/glossary.md. Seeded by a data migration; moderators manage it
afterwards. Each entry: slug, Dutch name, English name, domain."""

THEMES: list[tuple[str, str, str, str]] = [
    # fysiek: the nine spatial themes of the VNG analysis, plus the physical-domain tasks
    ("wonen", "Wonen", "Housing", "fysiek"),
    ("mobiliteit", "Mobiliteit", "Mobility", "fysiek"),
    ("energietransitie", "Energietransitie", "Energy transition", "fysiek"),
    ("natuurbehoud", "Natuurbehoud", "Nature conservation", "fysiek"),
    ("water-en-bodem", "Water en bodem", "Water and soil", "fysiek"),
    ("landbouw", "Landbouw", "Agriculture", "fysiek"),
    (
        "ruimte-economische-sectoren",
        "Ruimte voor economische sectoren",
        "Space for economic sectors",
        "fysiek",
    ),
    ("recreatie", "Recreatie", "Recreation", "fysiek"),
    ("ruimtelijke-ordening", "Ruimtelijke ordening", "Spatial planning", "fysiek"),
    (
        "milieu-en-omgevingsdiensten",
        "Milieu (vergunningen, toezicht, handhaving)",
        "Environment (permits, enforcement)",
        "fysiek",
    ),
    ("afval", "Afval", "Waste", "fysiek"),
    # sociaal
    ("gezondheid", "Gezondheid", "Public health", "sociaal"),
    ("zorg-wmo", "Zorg en Wmo", "Care and social support", "sociaal"),
    ("jeugd", "Jeugd", "Youth care", "sociaal"),
    ("veiligheid", "Veiligheid", "Safety and security", "sociaal"),
    ("onderwijs", "Onderwijs", "Education", "sociaal"),
    ("cultuur", "Cultuur", "Culture", "sociaal"),
    # economisch
    ("werk-en-inkomen", "Werk en inkomen", "Work and income", "economisch"),
    ("economie", "Economie", "Economy", "economisch"),
    # bestuur
    ("bedrijfsvoering", "Bedrijfsvoering (ICT, belastingen)", "Operations (ICT, taxes)", "bestuur"),
    ("bestuur-en-rechtspraak", "Bestuur en rechtspraak", "Administration and justice", "bestuur"),
    ("statistiek", "Statistische indeling", "Statistical division", "bestuur"),
    ("overig", "Overig", "Other", "bestuur"),
]
