"""``replykit profile``: show, set and unset the sender profile, or say where it is."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from replykit.cli_options import TYPER_SETTINGS, JsonOpt, PlaybooksOpt, ProfileOpt
from replykit.cli_output import handles_errors, print_json

profile_app = typer.Typer(
    name="profile",
    help="The sender profile: your organisation, signer and contacts, kept once for every "
    "letter. Precedence: playbook defaults < profile < --answers < --set.",
    **TYPER_SETTINGS,
)


@profile_app.command("show")
@handles_errors
def profile_show_command(profile: ProfileOpt = None, as_json: JsonOpt = False) -> None:
    """Print the profile (YAML), or say where it would be and how to fill it."""
    from replykit.profile import profile_path, read_profile, render_profile

    path = profile_path(profile)
    data = read_profile(profile)
    if as_json:
        print_json({"path": str(path), "exists": path.is_file(), "profile": data})
    elif data:
        sys.stdout.write(render_profile(data))
    else:
        sys.stderr.write(
            f"No profile yet ({path}).\n"
            "Hint: replykit profile set sender_org='ООО «Лампа»' signer_name='Мария Соколова'\n"
        )


@profile_app.command("set")
@handles_errors
def profile_set_command(
    assignments: Annotated[
        list[str], typer.Argument(help="KEY=VALUE pairs (KEY+=VALUE appends to a list).")
    ],
    profile: ProfileOpt = None,
    playbooks: PlaybooksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Set profile answers: replykit profile set sender_org='ООО «Лампа»' signer_name=…"""
    from replykit.profile import known_field_names, profile_path, set_values, unknown_keys

    data = set_values(profile, assignments)
    unknown = unknown_keys(assignments, known_field_names(playbooks))
    if as_json:
        print_json({"path": str(profile_path(profile)), "profile": data})
        return
    for key, tip in unknown.items():
        sys.stderr.write(f"Note: no playbook has a field '{key}'{tip}; it is kept anyway.\n")
    sys.stderr.write(f"Saved {profile_path(profile)}\n")


@profile_app.command("unset")
@handles_errors
def profile_unset_command(
    keys: Annotated[list[str], typer.Argument(help="Keys to remove.")],
    profile: ProfileOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Remove answers from the profile."""
    from replykit.profile import profile_path, unset_values

    data, absent = unset_values(profile, keys)
    if as_json:
        print_json({"path": str(profile_path(profile)), "profile": data, "absent": absent})
        return
    for key in absent:
        sys.stderr.write(f"Note: the profile had no '{key}'.\n")
    if len(absent) < len(keys):
        sys.stderr.write(f"Saved {profile_path(profile)}\n")


@profile_app.command("path")
@handles_errors
def profile_path_command(profile: ProfileOpt = None, as_json: JsonOpt = False) -> None:
    """Print where the profile is (it may not exist yet)."""
    from replykit.profile import profile_path

    path = profile_path(profile)
    if as_json:
        print_json({"path": str(path), "exists": path.is_file()})
    else:
        sys.stdout.write(f"{path}\n")
