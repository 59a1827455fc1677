"""The home page's demo content, in Spanish and in English (a translation made with Wagtail's i18n)."""

from wagtail.models import Locale

from .models import HomePage

CONTENT = {
    "es": {
        "title": "Inicio",
        "heading": "Aprender a co-crear la movilidad de nuestras comunas",
        "lead": (
            "Cocrea es el espacio de formación del programa Ciudad Inteligente Gran Concepción: cursos breves, "
            "métodos listos para usar y certificados para los equipos municipales que diseñan servicios de "
            "transporte junto a la ciudadanía."
        ),
        "body": [
            ("heading", "Una ciudad inteligente desde abajo"),
            (
                "paragraph",
                "<p>En enero de 2014 el Ministerio de Transportes y Telecomunicaciones y el Banco Mundial lanzaron en "
                "Gran Concepción un programa distinto: en vez de comprar plataformas costosas, las once comunas "
                "trabajarían con vecinos, universidades, empresas y organizaciones sociales para mejorar el "
                "transporte con herramientas sencillas y con los teléfonos que la gente ya tiene.</p>"
                "<p>Para que eso funcione, los equipos municipales necesitan saber conducir un taller de co-diseño, "
                "acordar una hoja de ruta, lanzar un desafío abierto y sostener un laboratorio de innovación. "
                "Eso es lo que se aprende aquí.</p>",
            ),
            (
                "cards",
                {
                    "heading": "Los componentes del programa",
                    "cards": [
                        {
                            "title": "Co-diseño",
                            "text": "Soluciones de transporte diseñadas con quienes viajan: entrevistas, viajes "
                            "acompañados, mapas del recorrido y prototipos baratos.",
                        },
                        {
                            "title": "Hoja de ruta co-creada",
                            "text": "Un camino acordado para escalar lo que funciona, con escenarios de futuro y "
                            "prioridades que la comunidad entiende.",
                        },
                        {
                            "title": "Desafío abierto",
                            "text": "Problemas reales planteados a universidades, emprendedores y sociedad civil, "
                            "como el desafío MueveTT de 2014.",
                        },
                        {
                            "title": "Laboratorio de innovación",
                            "text": "Un equipo local y una red de confianza que sigue probando y mejorando "
                            "servicios después de cada proyecto.",
                        },
                    ],
                },
            ),
            ("heading", "Cómo aprender en Cocrea"),
            (
                "paragraph",
                "<ol><li><b>Cree su cuenta</b> con su correo y su municipalidad.</li>"
                "<li><b>Elija un curso</b> del catálogo y avance a su ritmo, desde el teléfono o el computador: "
                "Cocrea recuerda dónde quedó.</li>"
                "<li><b>Aplique los métodos</b> de la biblioteca de herramientas en su comuna; cada uno trae pasos, "
                "materiales y una ficha para imprimir.</li>"
                "<li><b>Obtenga su certificado</b> al terminar: cualquier persona puede verificarlo con su "
                "código.</li></ol>",
            ),
            (
                "callout",
                {
                    "kind": "consejo",
                    "title": "Pensado para conexiones lentas",
                    "text": "<p>Las lecciones son livianas y se leen bien en un teléfono sencillo. Si se corta la "
                    "conexión, su avance queda guardado en cada lección que marca como completada.</p>",
                },
            ),
        ],
    },
    "en": {
        "title": "Home",
        "heading": "Learning to co-create mobility in our comunas",
        "lead": (
            "Cocrea is where the Gran Concepción Smart City programme trains municipal teams: short courses, "
            "ready-to-use methods and certificates for the officials who design transport services together with "
            "citizens."
        ),
        "body": [
            ("heading", "A smart city from the ground up"),
            (
                "paragraph",
                "<p>In January 2014 Chile's Ministry of Transport and Telecommunications and the World Bank launched a "
                "different kind of programme in Gran Concepción: instead of buying costly platforms, the eleven "
                "comunas would work with residents, universities, firms and civil society to improve transport with "
                "simple tools and the phones people already carry.</p>"
                "<p>For that to work, municipal teams need to know how to run a co-design workshop, agree on a "
                "roadmap, launch an open challenge and sustain an innovation lab. That is what you learn here.</p>",
            ),
            (
                "cards",
                {
                    "heading": "The programme's components",
                    "cards": [
                        {
                            "title": "Co-design",
                            "text": "Transport solutions designed with the people who travel: interviews, "
                            "ride-alongs, journey maps and cheap prototypes.",
                        },
                        {
                            "title": "Co-created roadmap",
                            "text": "An agreed path to scale what works, with future scenarios and priorities the "
                            "community understands.",
                        },
                        {
                            "title": "Open challenge",
                            "text": "Real problems put to universities, entrepreneurs and civil society, like the "
                            "2014 MueveTT challenge.",
                        },
                        {
                            "title": "Innovation lab",
                            "text": "A local team and a network of trust that keeps testing and improving services "
                            "after each project.",
                        },
                    ],
                },
            ),
            ("heading", "How to learn on Cocrea"),
            (
                "paragraph",
                "<ol><li><b>Create your account</b> with your email and your municipality.</li>"
                "<li><b>Choose a course</b> from the catalogue and go at your own pace, on a phone or a computer: "
                "Cocrea remembers where you left off.</li>"
                "<li><b>Apply the methods</b> of the toolkit in your comuna; each comes with steps, materials and a "
                "printable card.</li>"
                "<li><b>Get your certificate</b> when you finish: anyone can verify it with its code.</li></ol>",
            ),
        ],
    },
}


def _fill(page, content):
    page.title = page.draft_title = content["title"]
    page.heading = content["heading"]
    page.lead = content["lead"]
    page.body = content["body"]
    page.save_revision().publish()


def load(stdout):
    home = HomePage.objects.filter(locale__language_code="es").first()
    if home is None:
        return
    if not home.body:
        _fill(home, CONTENT["es"])
        stdout.write("  home page content (es)")
    english = Locale.objects.get_or_create(language_code="en")[0]
    if not HomePage.objects.filter(locale=english).exists():
        translation = home.copy_for_translation(english)
        _fill(translation, CONTENT["en"])
        stdout.write("  home page translation (en)")
