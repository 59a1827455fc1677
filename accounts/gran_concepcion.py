"""The eleven comunas of Gran Concepción (Región del Biobío), where the programme started."""

GRAN_CONCEPCION = [
    ("08101", "Concepción"),
    ("08102", "Coronel"),
    ("08103", "Chiguayante"),
    ("08105", "Hualqui"),
    ("08106", "Lota"),
    ("08107", "Penco"),
    ("08108", "San Pedro de la Paz"),
    ("08109", "Santa Juana"),
    ("08110", "Talcahuano"),
    ("08111", "Tomé"),
    ("08112", "Hualpén"),
]
REGION_BIOBIO = "08"
