"""The Python half of scripts/check-upgrade.sh: fill a database with the code before the restructuring of
issue 12, record what it holds and serves, and compare that with what the new code holds and serves after
migrating the same database forward.

Run with PYTHONPATH set to the tree whose code should answer (the old export or this checkout) and
DJANGO_SETTINGS_MODULE set; the script itself is only ever this checkout's copy. It talks to both codes
through what they share: the HTTP API, the admin screens, and Django's and the libraries' models, never
through a module of the project that the restructuring moves.

    upgrade_check.py old DIR   # old code: migrate, demo, comments, flags, triage, a submission, queued
                               # mail; writes DIR/counts-before.json and DIR/answers-before.json
    upgrade_check.py new DIR   # this checkout: migrate forward, compare rows and answers, check that
                               # every queued task can be imported, run them; exits 1 on a difference
"""

import csv
import io
import json
import sys
from pathlib import Path

import django

# The discussion tables and content types the restructuring moved from guidance_pages to feedback:
# the same rows under a new name.
MOVED_MODELS = ("discussion", "discussionpage", "discussionquestion", "discussioncomment")
RENAMED_TABLES = {f"guidance_pages_{model}": f"feedback_{model}" for model in MOVED_MODELS}
SECOND_CHAMPION = "champion-upgrade-check"
OLD_DISCUSSIONS_ADMIN = "/admin/guidance_pages/discussion/"  # moved to /admin/feedback/, redirected
IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"


def _client(username: str | None = None):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _expect(response, status: int, what: str):
    if response.status_code != status:
        answer = response.content[:300]
        raise SystemExit(f"fill: {what} answered {response.status_code}, not {status}: {answer}")
    return response


def _post_comment(username: str, discussion: int, page: int, question: int | None = None, **fields) -> int:
    body = {"page_id": page, "body": f"{username}: a comment for the upgrade check.", **fields}
    if question is not None:
        body["question_id"] = question
    response = _client(username).post(
        f"/api/v1/discussions/{discussion}/comments/", json.dumps(body), content_type="application/json"
    )
    return _expect(response, 201, f"posting as {username}").json()["id"]


def _moderate(comment: int, action: str, reason: str = "") -> None:
    response = _client("moderator").post(
        f"/admin/discussions/moderation/{comment}/", {"action": action, "reason": reason}
    )
    _expect(response, 302, f"{action} comment {comment}")


def fill() -> None:
    """Everything a discussion and a submission leave in the database, made through the old code's own
    API and admin screens."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from allauth.account.models import EmailAddress

    second = get_user_model().objects.create_user(SECOND_CHAMPION, f"{SECOND_CHAMPION}@example.org", "x")
    second.groups.add(Group.objects.get(name="Champions"))
    EmailAddress.objects.create(user=second, email=second.email, verified=True, primary=True)

    listing = _expect(_client().get("/api/v1/discussions/", {"status": "open"}), 200, "discussions").json()
    discussion = listing["items"][0]["id"]
    detail = _expect(_client().get(f"/api/v1/discussions/{discussion}/"), 200, "a discussion").json()
    page, other_page = detail["pages"][0]["id"], detail["pages"][-1]["id"]
    question = detail["questions"][0]["id"]

    followed = _post_comment("champion", discussion, page, question, follow=True)
    _moderate(followed, "approve")
    reply = _post_comment(SECOND_CHAMPION, discussion, page, parent_id=followed)
    _moderate(reply, "approve")  # a public reply: the follower's mail is queued
    _post_comment(SECOND_CHAMPION, discussion, other_page, question)  # stays pending
    hidden = _post_comment("champion", discussion, other_page, question)
    _moderate(hidden, "hide", "Off topic.")
    flagged = _post_comment(SECOND_CHAMPION, discussion, page, question)
    _moderate(flagged, "approve")
    _expect(_client("stakeholder").post(f"/api/v1/comments/{flagged}/flag/"), 200, "flagging")
    triage = {"status": "under_consideration", "response": "Thank you: we look at it for the next edition."}
    _expect(_client("editor").post(f"/admin/discussions/triage/{followed}/", triage), 302, "triage")

    payload = {
        "kind": "practice",
        "title": "Upgrade check: information desks",
        "summary": "Desks in three border towns give migrants accurate information in their languages.",
        "body": "<p>The desks are run by municipalities with civil society.</p>",
        "primary_objective": 3,
        "secondary_objectives": [15],
        "principles": ["people_centred"],
        "country": "GH",
        "main_implementer": "Ministry of the Interior",
        "actor_types": ["government"],
        "start_year": 2019,
        "language": "en",
        "contact_name": "Ama Mensah",
        "contact_email": "ama@example.org",
    }
    response = _client("stakeholder").post("/api/v1/submissions/", {"payload": json.dumps(payload)})
    _expect(response, 201, "submitting an example")


def counts() -> dict[str, int]:
    from django.db import connection

    found = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table == "django_migrations":  # the new code's migrations add rows, as they should
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            found[RENAMED_TABLES.get(table, table)] = cursor.fetchone()[0]
    return found


def _json(response) -> object:
    return {"status": response.status_code, "body": response.json()}


def answers() -> dict[str, object]:
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry

    import django_comments
    import django_comments_xtd

    anonymous, champion, stakeholder = _client(), _client("champion"), _client("stakeholder")
    moderator, editor = _client("moderator"), _client("editor")
    found: dict[str, object] = {}
    for locale in ("en", "fr"):
        listing = anonymous.get("/api/v1/discussions/", {"locale": locale})
        found[f"discussions?locale={locale}"] = _json(listing)
        for item in listing.json()["items"]:
            url = f"/api/v1/discussions/{item['id']}/"
            for name, client in (("anonymous", anonymous), ("champion", champion)):
                found[f"{url} ({name})"] = _json(client.get(url))
            for page in found[f"{url} (anonymous)"]["body"]["pages"]:
                comments = f"/api/v1/pages/{page['id']}/comments/"
                found[f"{comments}?discussion={item['id']}"] = _json(
                    anonymous.get(comments, {"discussion": item["id"]})
                )
        found[f"examples?locale={locale}"] = _json(anonymous.get("/api/v1/examples/", {"locale": locale}))
    found["submissions (stakeholder)"] = _json(stakeholder.get("/api/v1/submissions/"))
    discussion = found["discussions?locale=en"]["body"]["items"][0]["id"]
    found["admin access"] = {
        "moderation (moderator)": moderator.get("/admin/discussions/moderation/").status_code,
        "moderation (stakeholder)": stakeholder.get("/admin/discussions/moderation/").status_code,
        "triage (editor)": editor.get(f"/admin/discussions/triage/?discussion={discussion}").status_code,
        "triage (moderator)": moderator.get("/admin/discussions/triage/").status_code,
        "discussions admin (editor)": editor.get(OLD_DISCUSSIONS_ADMIN, follow=True).status_code,
    }
    # The old address of the export leads to wherever the export lives now (a redirect is allowed); the
    # file it ends on must hold the same rows.
    export = editor.get(f"/admin/discussions/{discussion}/export/csv/", follow=True)
    body = b"".join(export.streaming_content) if export.streaming else export.content
    found["export csv (editor)"] = [export.status_code, body.decode()]
    model = django_comments_xtd.get_model()
    found["audit log of comments"] = sorted(
        [entry.action, entry.object_id, entry.label]
        for entry in ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    )
    # xtd's comments name the object they are about by content type and object_pk: it must still resolve.
    found["comments are about"] = sorted(
        [comment.pk, comment.content_type.natural_key(), str(comment.content_object.pk)]
        for comment in django_comments.get_model().objects.all()
    )
    found["group permissions"] = {
        group.name: sorted(group.permissions.values_list("content_type__model", "codename"))
        for group in Group.objects.order_by("name")
    }
    found["content types"] = {
        str(pk): [("feedback" if app == "guidance_pages" and model in MOVED_MODELS else app), model]
        for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")
    }
    return found


def queued() -> int:
    """A task waiting in the database must name a task the code can still import, or it never runs."""
    from django_tasks_db.models import DBTaskResult

    waiting = list(DBTaskResult.objects.filter(status="READY"))
    broken = []
    for result in waiting:
        try:
            result.task  # noqa: B018 - imports the task its row names
        except (ImportError, AttributeError, ValueError) as exc:
            broken.append(f"{result.task_path}: {exc}")
    if broken:
        raise SystemExit("queued tasks the new code cannot run:\n" + "\n".join(broken))
    return len(waiting)


def run_queued_tasks() -> None:
    from django.core.management import call_command

    from django_tasks_db.models import DBTaskResult

    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)
    failed = list(
        DBTaskResult.objects.exclude(status="SUCCESSFUL").values_list(
            "task_path", "status", "exception_class_path", "traceback"
        )
    )
    if failed:
        raise SystemExit(f"tasks that did not succeed after the upgrade: {failed}")


def recorded_without_a_trace() -> dict[str, object]:
    """The answers, in a transaction rolled back afterwards: the sessions and logs that asking leaves are
    not rows the upgrade kept."""
    from django.db import transaction

    with transaction.atomic():
        found = answers()
        transaction.set_rollback(True)
    return json.loads(json.dumps(found, default=str))  # as it reads back from its file: lists, not tuples


# Later issues add models: their content types and permissions are new rows; every old one must stay
# (the "content types" and "group permissions" answers hold them to it). Issue 14 records the official
# French and Spanish titles of the objectives as wagtail-localize translations of their English segments
# (guidance_pages migration 0009): new rows, none changed or dropped.
GROWING_TABLES = ("django_content_type", "auth_permission", "wagtail_localize_stringtranslation")
# SQLite FTS5's own segment tables: a rebuild of the index (search migration 0008, after SQLite copied the
# entries' table) lays the same words out in other segments. What the index finds is compared by the answers.
INDEX_SEGMENT_TABLES = ("gcm_search_fts_data", "gcm_search_fts_idx")


def kept(before: object, after: object) -> bool:
    """Whether ``after`` still holds everything ``before`` held. Later issues may add: keys to an object
    (new API fields, new content types) and columns to a CSV export, never change or drop what was there."""
    if isinstance(before, dict) and isinstance(after, dict):
        return all(key in after and kept(value, after[key]) for key, value in before.items())
    if isinstance(before, str) and isinstance(after, str) and before.startswith("\ufeff"):
        return _csv_columns(after, _csv_rows(before)[0]) == _csv_rows(before)
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return all(kept(old, new) for old, new in zip(before, after, strict=True))
    return before == after


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _csv_columns(text: str, header: list[str]) -> list[list[str]]:
    rows = _csv_rows(text)
    if not rows or not set(header) <= set(rows[0]):
        return rows
    keep = [rows[0].index(name) for name in header]
    return [[row[i] if i < len(row) else "" for i in keep] for row in rows]


# Issue 14 made the library one in every language: a language's listing now also holds the examples of the
# others. Every example it listed before must still be listed, as it was; the count may only grow.
GROWING_LISTINGS = ("examples?locale=",)


def library_kept(before: dict, after: dict) -> bool:
    if before.get("status") != after.get("status") or after["body"]["count"] < before["body"]["count"]:
        return False
    listed = {item["id"]: item for item in after["body"]["items"]}
    return all(item["id"] in listed and kept(item, listed[item["id"]]) for item in before["body"]["items"])


def compare(before: dict, after: dict, label: str) -> list[str]:
    differences = []
    for key in sorted(set(before) | set(after)):
        old_value, new_value = before.get(key), after.get(key)
        if label == "rows of" and old_value is None:
            continue  # a table a later issue added (listed by added_tables)
        if label == "rows of" and key in GROWING_TABLES and new_value >= old_value:
            continue
        if label == "rows of" and key in INDEX_SEGMENT_TABLES:
            continue
        listing = key.startswith(GROWING_LISTINGS) and old_value and new_value
        if listing and library_kept(old_value, new_value):
            continue
        if not kept(old_value, new_value):
            where, old_value, new_value = _where_changed(old_value, new_value)
            old, new = json.dumps(old_value)[:400], json.dumps(new_value)[:400]
            differences.append(f"{label} {key}{where}:\n  before: {old}\n  after:  {new}")
    return differences


def _where_changed(before: object, after: object, where: str = "") -> tuple[str, object, object]:
    """The innermost key or index under which ``after`` stopped holding ``before``: a long answer's
    difference is otherwise cut off before it shows."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key, value in before.items():
            if key in after and not kept(value, after[key]):
                return _where_changed(value, after[key], f"{where}.{key}")
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (old, new) in enumerate(zip(before, after, strict=True)):
            if not kept(old, new):
                return _where_changed(old, new, f"{where}[{i}]")
    return where, before, after


def history_backfilled() -> list[str]:
    """Issue 13: every guidance page that was live before the upgrade has a public history, starting with
    its first publication (guidance_pages migration 0007)."""
    from guidance_pages.history.versions import guidance_pages
    from guidance_pages.models import ChangeKind, ChangeNote

    pages = set(guidance_pages().values_list("pk", flat=True))
    originals = set(ChangeNote.objects.filter(kind=ChangeKind.ORIGINAL).values_list("page_id", flat=True))
    missing = sorted(pages - originals)
    return [f"guidance pages without a first publication in their history: {missing}"] if missing else []


def added_tables(before: dict, after: dict) -> str:
    added = {table: rows for table, rows in after.items() if table not in before}
    return ", ".join(f"{table} ({rows} rows)" for table, rows in sorted(added.items())) or "none"


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True, default=str))


def _read(path: Path) -> dict:
    return json.loads(path.read_text())


def old(out: Path) -> None:
    """With the old code: a fresh database, the demo, a discussion's life and a submission; what it holds
    and serves."""
    from django.core.management import call_command
    from django.test import override_settings

    call_command("compile_translations", stdout=io.StringIO())
    call_command("migrate", interactive=False, verbosity=0)
    # The demo's own publishing runs at once (as `make run`'s worker would have run it long ago); what the
    # discussion and the submission queue stays queued, as on a server that is being upgraded.
    with override_settings(TASKS={"default": {"BACKEND": IMMEDIATE}}):
        call_command("load_demo", stdout=io.StringIO())
    fill()
    _write(out / "counts-before.json", counts())
    _write(out / "answers-before.json", recorded_without_a_trace())


def new(out: Path) -> None:
    """With this checkout: migrate the same database forward, compare, then run what was queued."""
    from django.core.management import call_command

    call_command("compile_translations", stdout=io.StringIO())
    call_command("migrate", interactive=False, verbosity=0)
    before, after = _read(out / "counts-before.json"), counts()
    differences = compare(before, after, "rows of")
    waiting = queued()
    differences += compare(_read(out / "answers-before.json"), recorded_without_a_trace(), "answer of")
    differences += history_backfilled()
    if differences:
        raise SystemExit("the upgrade changed what the database holds or serves:\n" + "\n".join(differences))
    run_queued_tasks()
    print(f"same rows in every table, same answers, {waiting} queued tasks run by the new code")
    print(f"tables added since: {added_tables(before, after)}")


def main(argv: list[str]) -> None:
    if len(argv) != 2 or argv[0] not in ("old", "new"):
        raise SystemExit(__doc__)
    django.setup()
    (old if argv[0] == "old" else new)(Path(argv[1]))


if __name__ == "__main__":
    main(sys.argv[1:])
