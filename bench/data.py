"""Generated inputs for the benchmarks: a register of A accounts over D departments with O owners,
and canonical activity exports of N rows, shaped by the arguments and not by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

PLATFORMS = ("x", "facebook", "instagram", "linkedin")
DAY = 24 * 3600


def handles(accounts: int, platforms: tuple[str, ...] = PLATFORMS) -> list[tuple[str, str]]:
    """(platform, handle) of every account, spread over the platforms."""
    return [(platforms[i % len(platforms)], f"zeist_account_{i:04d}") for i in range(accounts)]


def write_register(path: Path, accounts: int, departments: int, owners: int) -> None:
    """An Accounts, Medewerkers and Afdelingen sheet; one main account per platform."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("Accounts")
    sheet.append(
        [
            "Platform", "Account", "Weergavenaam", "Type", "Afdeling", "Beheerder",
            "E-mail beheerder", "Vervanger", "E-mail vervanger", "Beantwoording", "Doel", "Rol",
            "Doelgroep", "Contentstrategie", "Training beheerder", "Handreiking gelezen",
            "Website", "Verwachte posts per week", "Gestart", "Status",
        ]
    )  # fmt: skip
    for i, (platform, handle) in enumerate(handles(accounts)):
        main = i < len(PLATFORMS)
        owner, substitute = i % owners, (i + 1) % owners
        sheet.append(
            [
                platform, f"@{handle}", f"Gemeente Zeist {i}", "hoofdaccount" if main else "neven",
                "Communicatie" if main else _department(i % departments),
                f"Medewerker {owner:04d}", f"m{owner:04d}@zeist.nl",
                f"Medewerker {substitute:04d}", f"m{substitute:04d}@zeist.nl",
                "KCC" if main else "Afdeling", "informeren, dialoog", "initiatiefnemer",
                f"doelgroep {i % 7}", "wekelijks nieuws", "2025-03-01", "ja",
                "https://www.zeist.nl", 3, "2020-01-01", "actief",
            ]
        )  # fmt: skip
    staff = wb.create_sheet("Medewerkers")
    staff.append(["Naam", "E-mail", "Afdeling", "In dienst"])
    for o in range(owners):
        staff.append(
            [f"Medewerker {o:04d}", f"m{o:04d}@zeist.nl", _department(o % departments), "ja"]
        )
    listed = wb.create_sheet("Afdelingen")
    listed.append(["Afdeling", "Manager", "E-mail manager"])
    for d in ["Communicatie", *(_department(d) for d in range(departments))]:
        listed.append([d, f"Manager {d}", None])
    wb.save(path)


def _department(index: int) -> str:
    return f"Afdeling {index:03d}"


def write_activity(
    path: Path,
    rows: int,
    accounts: int,
    *,
    text_ids: bool = True,
    long_ids: bool = False,
    start: str = "2026-07-01",
    days: int = 92,
    seed: int = 2026,
    platforms: tuple[str, ...] = PLATFORMS,
) -> None:
    """Posts (40 %), inbound messages (32 %) and replies to most of them (28 %) over `days`,
    roughly in time order as exports come. Text ids look like `p123` and `i456`; long ones
    (more than eight bytes, as YouTube's, Facebook's and LinkedIn's are) `post_000000123`."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    rng = np.random.default_rng(seed)
    span = days * DAY
    n_in = int(rows * 0.32)
    n_reply = min(int(rows * 0.28), n_in)
    n_post = rows - n_in - n_reply

    in_account = rng.integers(0, accounts, n_in)
    in_seconds = rng.integers(0, span, n_in)
    answered = rng.choice(n_in, n_reply, replace=False)
    # Replies come minutes to days later: a log-normal wait around two hours.
    wait = np.minimum(rng.lognormal(np.log(7200), 1.2, n_reply).astype(np.int64), 10 * DAY)

    account = np.concatenate([rng.integers(0, accounts, n_post), in_account, in_account[answered]])
    seconds = np.concatenate(
        [rng.integers(0, span, n_post), in_seconds, in_seconds[answered] + wait]
    )
    direction = np.repeat(np.array(["out", "in", "out"]), [n_post, n_in, n_reply])
    kind = np.repeat(np.array(["post", "message", "reply"]), [n_post, n_in, n_reply])
    reply_to = np.full(rows, -1)
    reply_to[n_post + n_in :] = n_post + answered
    has_image = rng.random(rows) < 0.3
    has_alt = rng.random(rows) < 0.7

    order = np.argsort(seconds, kind="stable")
    listed = handles(accounts, platforms)
    platform = np.array([p for p, _ in listed])[account[order]]
    names = np.array([f"@{h}" for _, h in listed])[account[order]]
    stamps = np.datetime_as_string(
        np.datetime64(f"{start}T00:00:00", "s") + seconds[order], unit="s", timezone="UTC"
    )
    is_out = direction[order] == "out"

    def ids(values: np.ndarray) -> pa.Array:
        numbers = pa.array(values).cast(pa.string())
        if not text_ids:
            return numbers
        if long_ids:
            numbers = pc.utf8_lpad(numbers, 9, "0")
            prefix = pa.array(np.where(values < n_post, "post_", "message_"))
        else:
            prefix = pa.array(np.where(values < n_post, "p", "i"))
        return pc.binary_join_element_wise(prefix, numbers, "")

    targets = reply_to[order]
    table = pa.table(
        {
            "platform": pa.array(platform),
            "account": pa.array(names),
            "item_id": ids(order),
            "timestamp": pa.array(stamps),
            "direction": pa.array(direction[order]),
            "kind": pa.array(kind[order]),
            "in_reply_to": pc.if_else(
                pa.array(targets >= 0),
                ids(np.maximum(targets, 0)),
                pa.scalar(None, pa.string()),
            ),
            "has_image": pa.array(np.where(is_out, has_image[order], False)),
            "has_alt_text": pa.array(np.where(is_out & has_image[order], has_alt[order], False)),
        }
    )
    pacsv.write_csv(table, path)


def split_by_account(export: Path, folder: Path) -> Path:
    """The export as a folder of one file per account, as a municipality downloads a page's
    export at a time: the same rows, each file with its account's."""
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(export, convert_options=pacsv.ConvertOptions(strings_can_be_null=True))
    folder.mkdir(exist_ok=True)
    accounts = table["account"].combine_chunks()
    for n, name in enumerate(pc.unique(accounts).to_pylist()):
        pacsv.write_csv(table.filter(pc.equal(accounts, name)), folder / f"export-{n:04d}.csv")
    return folder
