"""A course saved on Wi-Fi and read on the micro (courses.offline, static/js/sw.js): Chromium with its network cut by
Playwright (``context.set_offline``), which service workers obey too.

Save a course, go offline, open three lessons, mark two complete, reload, come back online: the dashboard shows both
completions once; sending the same outbox again changes nothing; a lesson republished meanwhile is updated on the
next online visit; signing out empties the device's caches and outbox.
"""

import time

from playwright.sync_api import expect

from courses import services
from courses.models import Completion, Enrolment
from tests.courses.factories import build_course, lessons_of

from .steps import sign_out

SAVED = "Guardado en este dispositivo"
PENDING = "pendiente de enviar"


def wait_for_worker(page):
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def outbox(page):
    """The device's outbox (IndexedDB), as the page sees it."""
    return page.evaluate(
        """() => new Promise((done) => {
            const open = indexedDB.open("cocrea", 1);
            open.onsuccess = () => {
                const all = open.result.transaction("outbox").objectStore("outbox").getAll();
                all.onsuccess = () => { done(all.result); open.result.close(); };
            };
        })"""
    )


def cache_names(page):
    return page.evaluate("caches.keys()")


def save_course(page, course):
    page.goto(course.url)
    wait_for_worker(page)
    panel = page.locator("[data-offline-save]")
    expect(panel).to_be_visible()
    expect(panel.locator("[data-offline-size]")).to_contain_text("Aprox.")
    panel.get_by_role("button", name="Guardar para leer sin conexión").click()
    expect(panel.locator("[data-offline-status]")).to_contain_text(SAVED, timeout=30_000)
    expect(panel.get_by_role("button", name="Quitar")).to_be_visible()


def test_a_course_saved_read_and_completed_offline(phone, official, log_in):
    course = build_course(modules=2, lessons=2, title="Paraderos seguros")
    services.enrol(official, course)
    lessons = lessons_of(course)
    log_in(phone, official)
    save_course(phone, course)
    assert any(name.startswith(f"cocrea-u{official.pk}-c{course.pk}") for name in cache_names(phone))

    phone.context.set_offline(True)
    for lesson in lessons[:3]:
        phone.goto(lesson.url)
        expect(phone.get_by_role("heading", level=1)).to_have_text(lesson.title)
        expect(phone.locator("[data-offline-banner]")).to_be_visible()
    for lesson in lessons[:2]:
        phone.goto(lesson.url)
        phone.get_by_role("button", name="Marcar como completada").click()
        expect(phone.locator("[data-offline-pending]")).to_contain_text(PENDING)
        expect(phone.get_by_role("button", name="Marcar como completada")).to_be_hidden()
    phone.reload()
    expect(phone.locator("[data-offline-pending]")).to_contain_text(PENDING)
    waiting = outbox(phone)
    assert sorted(entry["url"] for entry in waiting) == sorted(
        f"/mi-aprendizaje/actividades/{lesson.pk}/completar/" for lesson in lessons[:2]
    )
    assert not Completion.objects.exists(), "nothing reached the server while offline"
    # A page that is not saved says so instead of failing.
    phone.goto("/cursos/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Sin conexión")

    phone.context.set_offline(False)
    phone.goto(lessons[0].url)  # on load, the page asks the worker to send the outbox
    deadline = time.monotonic() + 20
    while outbox(phone) and time.monotonic() < deadline:
        phone.wait_for_timeout(250)
    assert outbox(phone) == []
    phone.goto("/mi-aprendizaje/")
    card = phone.locator(".card", has_text=course.title)
    expect(card.locator("progress")).to_have_attribute("value", "50")
    completions = Completion.objects.filter(user=official).order_by("item__path")
    assert [completion.item_id for completion in completions] == [lesson.pk for lesson in lessons[:2]]
    assert all(completion.idempotency_key for completion in completions)
    marked = {entry["key"]: entry["marked"] for entry in waiting}
    assert {str(completion.idempotency_key) for completion in completions} == set(marked)

    # The same outbox sent again (twice): nothing changes.
    before = list(Completion.objects.values_list("pk", "item_id", "completed_at"))
    for _ in range(2):
        answers = phone.evaluate(
            """async (entries) => {
                const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
                const answers = [];
                for (const entry of entries) {
                    const body = new FormData();
                    body.append("key", entry.key);
                    body.append("user", entry.user);
                    body.append("completed_at", entry.marked);
                    const response = await fetch(entry.url, {method: "POST", body,
                        headers: {Accept: "application/json", "X-CSRFToken": token}});
                    answers.push(await response.json());
                }
                return answers;
            }""",
            waiting,
        )
        assert [answer["recorded"] for answer in answers] == [False, False]
        assert {answer["course"]["done"] for answer in answers} == {2}
    assert list(Completion.objects.values_list("pk", "item_id", "completed_at")) == before
    assert Enrolment.objects.get(user=official, course=course).items_done == 2

    # A lesson republished while the phone was away is saved again on the next online visit.
    third = lessons[2]
    third.title = "Paraderos con luz: lección revisada"
    third.save_revision().publish()
    phone.goto("/mi-aprendizaje/")
    saved_list = phone.locator("[data-offline-list]")
    expect(saved_list).to_contain_text(course.title)
    phone.wait_for_timeout(1500)  # the worker compares versions and saves the course again
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        phone.context.set_offline(True)
        phone.goto(third.url)
        if phone.get_by_role("heading", level=1).inner_text() == third.title:
            break
        phone.context.set_offline(False)
        phone.wait_for_timeout(500)
    expect(phone.get_by_role("heading", level=1)).to_have_text(third.title)
    phone.context.set_offline(False)

    # Signing out forgets that person's saved courses and outbox on this device.
    phone.goto("/mi-aprendizaje/")
    sign_out(phone)
    assert not [name for name in cache_names(phone) if name.startswith("cocrea-u")]
    assert outbox(phone) == []


def test_another_person_on_the_same_phone_sees_nothing_of_the_first(phone, official, log_in, talcahuano):
    from accounts.roles import OFFICIAL
    from tests.factories import UserFactory

    course = build_course(modules=1, lessons=2, title="Veredas para todas las edades")
    services.enrol(official, course)
    log_in(phone, official)
    save_course(phone, course)
    phone.context.set_offline(True)
    phone.goto(lessons_of(course)[0].url)
    phone.get_by_role("button", name="Marcar como completada").click()
    expect(phone.locator("[data-offline-pending]")).to_contain_text(PENDING)

    other = UserFactory(municipality=talcahuano, role=OFFICIAL)
    phone.context.clear_cookies()  # the first person's session ended without signing out
    phone.context.set_offline(False)
    log_in(phone, other)
    phone.goto("/mi-aprendizaje/")
    wait_for_worker(phone)
    deadline = time.monotonic() + 10
    while any(name.startswith("cocrea-u") for name in cache_names(phone)) and time.monotonic() < deadline:
        phone.wait_for_timeout(250)
    assert not [name for name in cache_names(phone) if name.startswith("cocrea-u")]
    assert outbox(phone) == []
    expect(phone.locator("[data-offline-list]")).to_be_hidden()
    assert not Completion.objects.exists()


def test_size_and_time_to_save_a_demo_course_on_a_slow_connection(phone, official, log_in, record_property):
    """The demo's first course saved on an emulated 1.6 Mbps / 150 ms connection: its size and the time it takes."""
    from .content import COURSE, course_at, load_demo

    load_demo()
    course = course_at(COURSE)
    services.enrol(official, course)
    log_in(phone, official)
    phone.goto(course.url)
    wait_for_worker(phone)
    manifest = phone.evaluate(
        "(url) => fetch(url, {headers: {Accept: 'application/json'}}).then((r) => r.json())",
        f"/mi-aprendizaje/cursos/{course.pk}/sin-conexion/",
    )
    slow = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", slow)
    started = time.monotonic()
    panel = phone.locator("[data-offline-save]")
    panel.get_by_role("button", name="Guardar para leer sin conexión").click()
    expect(panel.locator("[data-offline-status]")).to_contain_text(SAVED, timeout=120_000)
    seconds = time.monotonic() - started
    saved = phone.evaluate(
        """() => new Promise((done) => {
            const open = indexedDB.open("cocrea", 1);
            open.onsuccess = () => {
                const all = open.result.transaction("saved").objectStore("saved").getAll();
                all.onsuccess = () => done(all.result.filter((row) => row.course));
            };
        })"""
    )
    (row,) = saved
    requests = len([page for page in manifest["pages"] if page["offline"]]) + len(manifest["figures"])
    # The worker saves one address after the other: each costs a round trip and its bytes at 1.6 Mbps.
    modelled = requests * 0.150 + row["bytes"] / (1_600_000 / 8)
    print(
        f"\noffline save: {course.title}: {requests} requests, estimated {manifest['bytes']} B, "
        f"saved {row['bytes']} B; "
        f"{seconds:.1f} s measured with the page throttled to 1.6 Mbps / 150 ms, {modelled:.1f} s modelled"
    )
    record_property("offline_saved_bytes", row["bytes"])
    record_property("offline_save_seconds", round(seconds, 1))
    assert row["bytes"] > 0
