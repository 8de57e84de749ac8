"""The command line as a user meets it: ``python -m lib extract|ingest`` in a subprocess.

Every run gets ``CONFLICT_STORE`` pointing into a temporary folder, so no test touches
``data/store.sqlite``. Independent runs are started together to keep the module fast.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from lib.store import Store

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = Path("data") / "articles"  # as a user types it, from the project root
SAMPLE_FILES = sorted(p.name for p in (ROOT / ARTICLES).glob("*.txt"))
TIMEOUT = 300

# The fields ../shared/extract-contract.md lists for each table (more are allowed).
CONTRACT = {
    "articles": {"id", "source", "language", "published", "title"},
    "places": {"article_id", "surface", "start", "end", "name", "country", "lat", "lon", "precision", "gazetteer_id"},
    "events": {"id", "article_id", "sentence", "place_surface", "place_name", "country", "lat", "lon",
               "geo_precision", "date", "date_end", "date_precision", "killed_low", "killed_high", "wounded_low",
               "wounded_high", "missing_low", "missing_high", "approximate", "victims", "victim_side", "claimed_by",
               "confidence"},
}

GOOD_ARTICLE = (
    "Three civilians were killed on Monday when artillery shells hit the town of Tartar, "
    "the Azerbaijan Prosecutor General said.\n"
    "Residents said the shelling went on through the night.\n"
)
BAD_FILES = ["b_empty.txt", "c_binary.txt", "d_undecodable.txt", "not_there.txt"]


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    env_store: Path  # where $CONFLICT_STORE pointed

    def __str__(self) -> str:
        return f"$ python -m lib {' '.join(self.args)}\nexit {self.returncode}\nstderr:\n{self.stderr[-3000:]}"


class Launch:
    """A CLI run started in the background, with ``$CONFLICT_STORE`` set to ``env_store``; ``result()`` waits."""

    def __init__(self, args: Sequence[str | Path], env_store: Path):
        self.args = [str(a) for a in args]
        self.env_store = env_store
        env = {**os.environ, "CONFLICT_STORE": str(env_store)}
        self.proc = subprocess.Popen([sys.executable, "-m", "lib", *self.args], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def result(self) -> Run:
        out, err = self.proc.communicate(timeout=TIMEOUT)
        return Run(self.args, self.proc.returncode, out.decode("utf-8"), err.decode("utf-8"), self.env_store)


def run(args: Sequence[str | Path], env_store: Path) -> Run:
    return Launch(args, env_store).result()


def skipped_lines(stderr: str) -> list[str]:
    """The lines where the CLI names a file it could not read."""
    return [line for line in stderr.replace("\r", "\n").split("\n") if ": skipped: " in line]


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good article, an empty file, a binary file and a file in no encoding that can be detected."""
    folder = tmp_path_factory.mktemp("bad_input")
    (folder / "a_good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "d_undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    return folder


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, bad_folder: Path) -> dict[str, Run]:
    """The independent runs of this module, started together."""
    tmp = tmp_path_factory.mktemp("cli")
    missing = bad_folder.parent / "not_there.txt"
    launches = {
        "json": Launch(["extract", ARTICLES, "--format", "json"], tmp / "json.sqlite"),
        "jsonl": Launch(["extract", ARTICLES, "--format", "jsonl"], tmp / "jsonl.sqlite"),
        "bad": Launch(["extract", bad_folder, missing, "--format", "json"], tmp / "bad.sqlite"),
        "bad_ingest": Launch(["ingest", bad_folder, missing], tmp / "default.sqlite"),  # no --store
    }
    return {name: launch.result() for name, launch in launches.items()}


@pytest.fixture(scope="module")
def ingests(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """``ingest`` of the sample corpus twice into one store, then ``--replace``; counts after each."""
    tmp = tmp_path_factory.mktemp("ingest")
    store = tmp / "events.sqlite"
    out: dict = {"store": store}
    for name, extra in (("first", []), ("second", []), ("replace", ["--replace"])):
        out[name] = run(["ingest", ARTICLES, "--store", store, *extra], tmp / "unused.sqlite")
        s = Store(store)
        out[name + "_counts"] = s.counts()
        out[name + "_version"] = s.version()
        out[name + "_event_ids"] = sorted(s.events_frame()["id"])
    return out


# --- extract -----------------------------------------------------------------------------------------


def test_extract_json_prints_the_contract_document(runs: dict[str, Run]) -> None:
    r = runs["json"]
    assert r.returncode == 0, r
    assert not skipped_lines(r.stderr), r
    doc = json.loads(r.stdout)
    assert set(CONTRACT) <= set(doc), f"top-level keys {sorted(doc)}"
    assert sorted(Path(a["source"]).name for a in doc["articles"]) == SAMPLE_FILES
    assert doc["places"] and doc["events"]
    for table, fields in CONTRACT.items():
        for record in doc[table]:
            missing = fields - set(record)
            assert not missing, f"{table} record lacks {sorted(missing)}: {record}"
    ids = {a["id"] for a in doc["articles"]}
    assert all(p["article_id"] in ids for p in doc["places"])
    assert all(e["article_id"] in ids for e in doc["events"])
    assert len({e["id"] for e in doc["events"]}) == len(doc["events"]), "event ids are not unique"


def test_extract_jsonl_prints_one_object_per_line(runs: dict[str, Run]) -> None:
    r = runs["jsonl"]
    assert r.returncode == 0, r
    tables: dict[str, list[dict]] = {t: [] for t in CONTRACT}
    for n, line in enumerate(r.stdout.splitlines(), 1):
        assert line.strip(), f"blank line {n} in JSON Lines output"
        record = json.loads(line)
        assert isinstance(record, dict), f"line {n} is not a JSON object: {line[:80]}"
        table = record.pop("table")
        assert table in tables, f"line {n}: unknown table {table!r}"
        missing = CONTRACT[table] - set(record)
        assert not missing, f"line {n}: {table} record lacks {sorted(missing)}"
        tables[table].append(record)
    # the same records as --format json, one per line
    assert tables == json.loads(runs["json"].stdout)


def test_extract_names_each_bad_file_once_and_keeps_the_good_one(runs: dict[str, Run], bad_folder: Path) -> None:
    r = runs["bad"]
    assert r.returncode == 1, r
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    for name in BAD_FILES:
        naming = [line for line in lines if name in line]
        assert len(naming) == 1, f"{name} named on {len(naming)} stderr lines:\n{r.stderr}"
    assert len(skipped_lines(r.stderr)) == len(BAD_FILES), r
    assert not any("a_good.txt" in line for line in lines), r
    assert "Traceback" not in r.stderr, r

    doc = json.loads(r.stdout)
    assert [Path(a["source"]).name for a in doc["articles"]] == ["a_good.txt"]
    assert any(p["name"] == "Tartar" and p["country"] == "AZ" for p in doc["places"]), doc["places"]
    killed = [e for e in doc["events"] if e["killed_low"] == 3]
    assert killed and killed[0]["place_name"] == "Tartar", doc["events"]


# --- ingest ------------------------------------------------------------------------------------------


def test_ingest_stores_the_sample_corpus(ingests: dict) -> None:
    r = ingests["first"]
    assert r.returncode == 0, r
    assert "5 added, 0 already stored" in r.stderr, r
    counts = ingests["first_counts"]
    assert counts["articles"] == len(SAMPLE_FILES) and counts["places"] > 0 and counts["events"] > 0
    assert not r.env_store.exists(), "--store was given, yet $CONFLICT_STORE was written"


def test_ingest_twice_changes_nothing(ingests: dict) -> None:
    r = ingests["second"]
    assert r.returncode == 0, r
    assert "0 added, 5 already stored" in r.stderr, r
    assert ingests["second_counts"] == ingests["first_counts"]
    assert ingests["second_version"] == ingests["first_version"]


def test_ingest_replace_re_extracts_without_duplicating(ingests: dict) -> None:
    r = ingests["replace"]
    assert r.returncode == 0, r
    assert "0 added, 0 already stored, 5 re-extracted" in r.stderr, r
    assert ingests["replace_counts"] == ingests["first_counts"]
    assert ingests["replace_event_ids"] == ingests["first_event_ids"]


def test_ingest_progress_bar_goes_to_stderr_not_stdout(ingests: dict) -> None:
    for name in ("first", "second", "replace"):
        r = ingests[name]
        assert r.stdout == "", f"{name}: stdout is not empty: {r.stdout[:200]!r}"
        assert "5/5" in r.stderr and "article" in r.stderr and "100%" in r.stderr, r


def test_ingest_with_bad_files_into_the_default_store(runs: dict[str, Run]) -> None:
    r = runs["bad_ingest"]
    assert r.returncode == 1, r
    errors = skipped_lines(r.stderr)
    assert len(errors) == len(BAD_FILES), r
    for name in BAD_FILES:
        assert sum(name in line for line in errors) == 1, r
    assert "1 added" in r.stderr and f"{len(BAD_FILES)} rejected" in r.stderr, r
    assert r.stdout == "", r.stdout
    assert r.env_store.exists(), "ingest without --store did not write to $CONFLICT_STORE"
    assert Store(r.env_store).counts()["articles"] == 1, f"{r.env_store} does not hold the good article"
