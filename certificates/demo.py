"""Demo data for certificates: the default template with the programme's signatories, and the certificates of
the demo's completed courses (issued after the demo's transaction commits, in-process when there is no broker,
so the demo official's certificate is ready as soon as ``make run`` has loaded the data). Idempotent."""

from core.background import enqueue_on_commit

from . import services
from .models import CertificateTemplate, Signatory

#: The default template (with its signatories) exists before the demo's completed courses ask for certificates.
LOAD_BEFORE = ("courses",)

SIGNATORIES = [
    ("Carolina Muñoz Sepúlveda", "Coordinadora del programa Cocrea"),
    ("Andrés Figueroa Lagos", "Secretaría Regional Ministerial de Transportes y Telecomunicaciones, Biobío"),
]


def load(stdout):
    from .tasks import deliver_certificate

    template = CertificateTemplate.objects.default()
    if not Signatory.objects.filter(template=template).exists():
        for order, (name, role) in enumerate(SIGNATORIES):
            Signatory.objects.create(template=template, name=name, role=role, sort_order=order)
    missing = services.missing()
    for enrolment_id in missing:
        enqueue_on_commit(deliver_certificate, enrolment_id)
    stdout.write(f"Certificates: default template ready; {len(missing)} certificate(s) to issue.\n")
