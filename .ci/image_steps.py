"""Run the Dockerfile's install steps without Docker, and check the result works.

No Docker engine runs on the development and CI machines, so this reads the ``Dockerfile``
and replays it in a temporary directory standing for the image's file system:

- build stage: its ``ENV``, ``WORKDIR``, ``COPY`` and ``RUN`` lines as written (a fresh
  virtual environment at ``<root>/opt/venv``, pip installing with the pinned constraints);
- runtime stage: its ``ENV`` and ``COPY`` lines; ``COPY --from=build`` keeps the path, as in
  the image, and whatever else the build stage made (``/src``) is then deleted; its ``RUN``
  line only creates the system user, which needs root inside an image, so it is skipped;
- then, from the runtime working directory, with the runtime environment and nothing from
  the source tree on ``sys.path``: ``qualibot db upgrade`` (the migrations ship),
  ``qualibot kb check`` (the knowledge ships), a question through ``qualibot ask``, the
  Telegram application built (the locales ship), and time zones without the system's.

Usage: ``python .ci/image_steps.py [--keep]``. Exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IMAGE_DIRS = ("/opt", "/app", "/data", "/src", "/tmp")  # noqa: S108 - image paths, remapped
SMOKE_PYTHON = """
import asyncio
from zoneinfo import ZoneInfo
from bot.config import load_settings
from bot.services.container import create_services
from bot.telegram.app import build_application
from bot.telegram.i18n import t

ZoneInfo("Europe/Paris")
assert t("fr", "common.error") and t("en", "common.error")
settings = load_settings()

async def main():
    services = await create_services(settings)
    try:
        build_application(services)
    finally:
        await services.close()

asyncio.run(main())
print("application built from the installed package:", __import__("bot").__file__)
"""


@dataclass
class Stage:
    """One ``FROM`` block: its name and instructions (continuations joined)."""

    name: str
    base: str
    instructions: list[tuple[str, str]] = field(default_factory=list)


def parse(dockerfile: Path) -> list[Stage]:
    """The stages of a Dockerfile, comments dropped and ``\\`` continuations joined."""
    stages: list[Stage] = []
    logical = ""
    for raw in dockerfile.read_text().splitlines():
        line = raw.strip()
        if not logical and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            logical += line[:-1] + " "
            continue
        logical += line
        keyword, _, rest = logical.partition(" ")
        logical = ""
        keyword = keyword.upper()
        if keyword == "FROM":
            words = rest.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else str(len(stages))
            stages.append(Stage(name, words[0]))
        else:
            stages[-1].instructions.append((keyword, rest.strip()))
    return stages


class Replay:
    """A stand-in for the image's file system under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env: dict[str, str] = {}
        self.workdir = root
        self.made: set[Path] = set()
        """Top-level image paths this stage created (WORKDIR, COPY destinations)."""
        self.taken: set[Path] = set()
        """Paths this stage copied from an earlier stage."""

    def path(self, image_path: str) -> Path:
        """Where an absolute image path lives here."""
        return self.root / image_path.lstrip("/")

    def rewrite(self, text: str) -> str:
        """Image paths in a value or command, moved under ``root``."""
        pattern = "|".join(re.escape(d) for d in IMAGE_DIRS)
        return re.sub(rf"(?<![\w./])({pattern})(?=/|\b)", lambda m: str(self.path(m[1])), text)

    def set_env(self, rest: str) -> None:
        for word in shlex.split(rest):
            key, _, value = word.partition("=")
            self.env[key] = self.rewrite(value).replace("$PATH", os.environ["PATH"])

    def set_workdir(self, rest: str) -> None:
        self.workdir = self.path(rest)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.made.add(self.workdir)

    def copy(self, rest: str, stages: dict[str, Replay]) -> None:
        words = rest.split()
        source_root = REPO
        if words[0].startswith("--from="):
            source_root = stages[words.pop(0).split("=", 1)[1]].root
        *sources, destination = words
        target = (
            self.path(destination) if destination.startswith("/") else self.workdir / destination
        )
        self.made.add(target)
        for source in sources:
            origin = source_root / source.lstrip("/")
            if source_root != REPO:
                self.taken.add(origin)
            if origin == target:
                continue  # same path in both stages: the file system is shared here
            if origin.is_dir():
                into = (
                    target
                    if destination.endswith("/") or len(sources) == 1
                    else target / origin.name
                )
                shutil.copytree(origin, into, dirs_exist_ok=True, symlinks=True)
            else:
                into = target / origin.name if destination.endswith("/") else target
                into.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, into)

    def run(self, command: str) -> None:
        command = self.rewrite(command)
        print(f"+ RUN {command}", flush=True)
        env = {**os.environ, **self.env}
        shell = ["/bin/sh", "-ec", command]
        subprocess.run(shell, cwd=self.workdir, env=env, check=True)  # noqa: S603 - our Dockerfile


def replay(dockerfile: Path, root: Path) -> Replay:
    """Replay the build stage fully and the runtime stage's environment and copies."""
    stages = parse(dockerfile)
    done: dict[str, Replay] = {}
    for index, stage in enumerate(stages):
        last = index == len(stages) - 1
        state = Replay(root)
        print(f"== stage {stage.name} (FROM {stage.base})", flush=True)
        for keyword, rest in stage.instructions:
            if keyword == "ENV":
                state.set_env(rest)
            elif keyword == "WORKDIR":
                state.set_workdir(rest)
            elif keyword == "COPY":
                state.copy(rest, done)
            elif keyword == "RUN" and not last:
                state.run(rest)
            elif keyword == "RUN":
                print(f"- skipped (system set-up needing root): RUN {rest[:60]}…")
        done[stage.name] = state
    runtime = done[stages[-1].name]
    for state in list(done.values())[:-1]:
        for path in state.made - runtime.taken - runtime.made:
            print(f"- removed (not in the runtime image): {path.relative_to(root)}")
            shutil.rmtree(path, ignore_errors=True)
    return runtime


def check_runtime(runtime: Replay) -> None:
    """The installed application works from the runtime directory with runtime files only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(runtime.env)
    env["PYTHONTZPATH"] = ""  # no system time zones in a slim image: tzdata must be installed
    env["DATABASE_URL"] = runtime.rewrite("sqlite+aiosqlite:////data/qualibot.sqlite3")
    env.pop("TELEGRAM_BOT_TOKEN", None)
    python = runtime.path("/opt/venv/bin/python")
    qualibot = runtime.path("/opt/venv/bin/qualibot")
    runtime.path("/data").mkdir(parents=True, exist_ok=True)
    checks = [
        [str(qualibot), "db", "upgrade"],
        [str(qualibot), "kb", "check"],
        [str(qualibot), "ask", "Qu'est-ce que l'indicateur 22 ?"],
    ]
    for command in checks:
        print("+", " ".join(command[1:]), flush=True)
        _run(command, runtime.workdir, env)
    env["TELEGRAM_BOT_TOKEN"] = "123456789:IMAGECHECKimagecheckIMAGECHECK"  # noqa: S105 - fake
    print(_run([str(python), "-c", SMOKE_PYTHON], runtime.workdir, env))
    where = _run([str(python), "-c", "import bot; print(bot.__file__)"], runtime.workdir, env)
    if not where.startswith(str(runtime.path("/opt/venv"))):
        raise SystemExit(f"bot was imported from {where}, not from the installed package")


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run one of our own commands; its output (stderr passes through)."""
    done = subprocess.run(  # noqa: S603 - fixed commands of this script
        command, cwd=cwd, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return done.stdout.strip()


def check_python(dockerfile: Path) -> None:
    """Warn when this Python is not the image's (the steps still run)."""
    base = parse(dockerfile)[0].base
    wanted = re.search(r"python:(\d+\.\d+)", base)
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    if wanted and wanted[1] != here:
        print(f"warning: the image uses Python {wanted[1]}, this check runs {here}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="qualibot-image-"))
    try:
        check_python(REPO / "Dockerfile")
        runtime = replay(REPO / "Dockerfile", root)
        check_runtime(runtime)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print("image install steps: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
