"""A register kept one row per person and account, as an access list is: `@gemeentedal |
Eva Smit | eigenaar`, `@gemeentedal | Ruben Kok | vervanger`, `@gemeentedal | Lotte Bos |
redacteur`. The rows of one account make one account: its owner, its substitute and the others
who may post, rather than one row used and the rest refused as duplicates (which lost every
substitute and made every account one with a single administrator)."""

from __future__ import annotations

from auditor.messages import Message
from auditor.models import Account
from auditor.problems import Level
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.sheet import SheetReader

# The column a person's part is in; the header (`Rol`, `Role`) is the register's role column,
# which this layout fills with people's roles instead of the account's.
PERSON_ROLE = "person_role"

OWNER, SUBSTITUTE, ADMINISTRATOR = "owner", "substitute", "administrator"
PERSON_ROLES = {
    **dict.fromkeys(
        [
            *["eigenaar", "hoofdbeheerder", "eerstebeheerder", "verantwoordelijke"],
            *["accounthouder", "owner", "accountowner", "primair", "primary"],
        ],
        OWNER,
    ),
    **dict.fromkeys(
        [
            *["vervanger", "vervanging", "plaatsvervanger", "backup", "reserve"],
            *["tweedebeheerder", "deputy", "substitute", "secundair", "secondary"],
        ],
        SUBSTITUTE,
    ),
    **dict.fromkeys(
        [
            *["beheerder", "redacteur", "redactie", "editor", "admin", "administrator"],
            *["moderator", "contentmaker", "webcaremedewerker", "medewerker"],
            *["analist", "adverteerder", "advertiser", "analyst", "contributor", "poster"],
        ],
        ADMINISTRATOR,
    ),
}
# Most of the role column's cells must be such words: a register's `Rol` of the account
# (`initiator`, `gastheer`, `webcare`) is the account's, as before; `webcare` alone is no
# person's part for that reason.
_SHARE = 0.6


def one_row_per_person(reader: SheetReader) -> bool:
    """Whether the sheet lists people's roles (`eigenaar`, `vervanger`, `redacteur`) in its
    role column, beside a person column; if so, that column is read as each row's person's
    part, said once for the sheet."""
    if "role" not in reader.positions or "owner_name" not in reader.positions:
        return False
    pos = reader.positions["role"]
    below = reader.sheet.rows[reader.header_row + 1 :]
    written = [text for row in below if pos < len(row) and (text := cells.text(row[pos]))]
    roles = [w for w in written if key(w) in PERSON_ROLES]
    if not written or len(roles) < _SHARE * len(written):
        return False
    parts: dict[str, str] = {}
    for word in roles:  # each part once, as first written
        parts.setdefault(key(word), word)
    reader.positions[PERSON_ROLE] = reader.positions.pop("role")
    reader.labels[PERSON_ROLE] = reader.labels.pop("role", reader.label("role"))
    reader.problem(
        Message(
            "register.person_rows",
            role_column=reader.labels[PERSON_ROLE],
            person_column=reader.labels.get("owner_name", reader.label("owner_name")),
            roles=sorted(parts.values(), key=str.casefold)[:4],
        ),
        row=reader.header_row + 1,
        level=Level.WARNING,
    )
    return True


class PersonRows:
    """The people of each account as its rows give them, one row at a time."""

    def __init__(self, reader: SheetReader):
        self.reader = reader
        # Each account's owner, where the row named them by a word of another part (`beheerder`)
        # for want of an owner: a later row that says `eigenaar` takes the place.
        # By id, holding the account: an id alone may be a later object's once this one is gone.
        self._stand_in_owner: dict[int, Account] = {}

    def place(self, account: Account, values: dict, row: int) -> Account:
        """The row's person in the part its role gives them (read into the owner's fields)."""
        role = self._role(values, row)
        if role == SUBSTITUTE:
            return account.model_copy(
                update={
                    "substitute_name": account.owner_name,
                    "substitute_email": account.owner_email,
                    "owner_name": None,
                    "owner_email": None,
                }
            )
        if role != OWNER and account.owner_name:
            self._stand_in_owner[id(account)] = account
        return account

    def combine(self, account: Account, later: Account) -> bool:
        """Put the person of a later row of `account` in their part; always True: the row is
        used."""
        person = later.owner_name or later.substitute_name
        email = later.owner_email or later.substitute_email
        if person is None and email is None:
            return True
        by_owner_word = later.owner_name is not None and not self._stands_in(later)
        if later.substitute_name or later.substitute_email:
            if account.substitute_name is None and account.substitute_email is None:
                account.substitute_name, account.substitute_email = person, email
                return True
        elif account.owner_name is None and account.owner_email is None:
            account.owner_name, account.owner_email = person, email
            if not by_owner_word:
                self._stand_in_owner[id(account)] = account
            return True
        elif by_owner_word and self._stands_in(account):
            # `eigenaar` after `beheerder`: the owner; the first one stays an administrator.
            self._administer(account, account.owner_name)
            account.owner_name, account.owner_email = person, email
            self._stand_in_owner.pop(id(account), None)
            return True
        self._administer(account, person or email)
        return True

    def _stands_in(self, account: Account) -> bool:
        return self._stand_in_owner.get(id(account)) is account

    @staticmethod
    def _administer(account: Account, person: str | None) -> None:
        if not person:
            return
        listed = [p for p in (account.administrators or "").split("; ") if p]
        if person not in listed:
            account.administrators = "; ".join([*listed, person])

    def _role(self, values: dict, row: int) -> str:
        written = cells.text(values.get(PERSON_ROLE))
        if written is None:
            return ADMINISTRATOR
        role = PERSON_ROLES.get(key(written))
        if role is None:
            self.reader.problem(
                Message("register.person_role_unknown", value=written),
                row=row,
                column=PERSON_ROLE,
                level=Level.WARNING,
            )
            return ADMINISTRATOR
        return role
