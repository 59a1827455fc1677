"""Chile's regions and their official codes, the first two digits of every comuna's CUT code.

The names are proper names: they are not translated.
"""

from django.db import models


class Region(models.TextChoices):
    TARAPACA = "01", "Tarapacá"
    ANTOFAGASTA = "02", "Antofagasta"
    ATACAMA = "03", "Atacama"
    COQUIMBO = "04", "Coquimbo"
    VALPARAISO = "05", "Valparaíso"
    OHIGGINS = "06", "Libertador General Bernardo O'Higgins"
    MAULE = "07", "Maule"
    BIOBIO = "08", "Biobío"
    ARAUCANIA = "09", "La Araucanía"
    LOS_LAGOS = "10", "Los Lagos"
    AYSEN = "11", "Aysén del General Carlos Ibáñez del Campo"
    MAGALLANES = "12", "Magallanes y de la Antártica Chilena"
    METROPOLITANA = "13", "Metropolitana de Santiago"
    LOS_RIOS = "14", "Los Ríos"
    ARICA = "15", "Arica y Parinacota"
    NUBLE = "16", "Ñuble"
