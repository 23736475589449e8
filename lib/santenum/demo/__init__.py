"""`santenum demo`: a fictitious, messy, multi-source dataset calibrated on the Occitanie study."""

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from santenum.core import config, reference
from santenum.core.config import is_demo_data
from santenum.core.errors import InputError
from santenum.core.files import staged_directory
from santenum.demo import calibration as cal
from santenum.demo import editions, perimeter, readme, render
from santenum.demo.lock import exclusive
from santenum.demo.population import SURVEY, population
from santenum.demo.register import register_files, write_register


def _cluster_groups(companies, rng):
    """Cluster file of each member: its région's, except a few members from elsewhere on Occitanie's list."""
    groups = companies["region_code"].map(render.group_of)
    outsiders = companies.index[
        (companies["region_code"] != cal.OCCITANIE)
        & (companies["cluster_link"] != "none")
        & ~companies["ceased"]
    ]
    moved = rng.choice(
        outsiders.to_numpy(), size=min(cal.OUTSIDE_MEMBERS, len(outsiders)), replace=False
    )
    groups[moved] = render.GROUPS[0][0]
    return groups


def _source_options(region_names, as_of: pd.Timestamp) -> dict:
    """source.yml of each folder: the survey sheet and région, the cluster lists' encoding, and the
    date each describes (the survey three months before the edition, the lists and the SIRENE
    extract at its date)."""
    files = {
        f"enquete-{stem}.xlsx": {
            "label": f"Enquête {region_names[regions[0]] if regions else 'nationale'} (fictive)",
            **({"region": regions[0]} if regions else {}),
        }
        for stem, regions in render.GROUPS
    }
    return {
        "enquete": {
            "kind": "survey",
            "sheet": "Réponses",
            "date": f"{as_of - pd.DateOffset(months=3):%Y-%m}",
            "files": files,
        },
        "cluster": {
            "kind": "list",
            "encoding": "cp1252",
            "delimiter": ";",
            "date": f"{as_of:%Y-%m}",
            "perimeter": perimeter.CLUSTER_EVIDENCE,
        },
        "sirene": {"kind": "sirene", "date": f"{as_of:%Y-%m-%d}"},
    }


def _write_files(out: Path, companies, rng, as_of: pd.Timestamp, seed: int, decided) -> None:
    region_names = reference.region_names()
    cluster_group = _cluster_groups(companies, rng)
    survey_group = companies["region_code"].map(render.group_of)
    for folder in ("enquete", "cluster", "sirene"):
        (out / folder).mkdir(parents=True)
    for folder, options in _source_options(region_names, as_of).items():
        text = yaml.safe_dump(options, allow_unicode=True, sort_keys=False)
        (out / folder / "source.yml").write_text(text, encoding="utf-8")
    for stem, regions in render.GROUPS:
        respondents = companies[(survey_group == stem) & companies["pattern"].isin(SURVEY)]
        members = companies[(cluster_group == stem) & (companies["cluster_link"] != "none")]
        in_survey, in_cluster = render.mistyped_split(respondents, members)
        title = region_names[regions[0]] if regions else "enquête nationale, autres régions"
        render.write_survey(
            out / "enquete" / f"enquete-{stem}.xlsx", title, respondents, rng, in_survey
        )
        render.write_cluster(out / "cluster" / f"membres-{stem}.csv", members, rng, in_cluster)
    extract = render.write_sirene(out / "sirene" / "extrait-sirene.csv", companies, rng)
    naf = extract.set_index("siren")["activitePrincipaleUniteLegale"]
    write_register(out, companies, seed, naf)
    perimeter.write_candidates(out)
    perimeter.write_evidence_lists(out, companies, seed, as_of)
    perimeter.write_decisions(out, decided)


def previous_dir(out) -> Path:
    """Where the previous edition goes beside the demo directory: <out>-2022-06-30."""
    out = Path(out)
    return out.with_name(f"{out.name}-{editions.PREVIOUS_DATE.date()}")


def _refuse_non_demo(path: Path) -> None:
    if path.exists() and any(path.iterdir()) and not is_demo_data(path):
        raise InputError(
            path, "exists and does not hold a santenum demo dataset; choose an empty directory"
        )


def write_demo(out, seed: int = 0, scale: float = 1.0) -> Path:
    """Generate the demo dataset into out and its previous edition into previous_dir(out),
    replacing a previous demo there (never other files)."""
    out = Path(out)
    if scale <= 0:
        raise InputError(out, f"--scale must be positive, not {scale}")
    earlier = previous_dir(out)
    for path in (out, earlier):
        _refuse_non_demo(path)
    rng = np.random.default_rng(seed)
    companies = population(rng, scale).assign(ceased=False)
    churn = np.random.default_rng([seed, editions.PREVIOUS_DATE.year])
    ceased = editions.ceased_companies(churn, companies)
    current = pd.concat([companies, ceased], ignore_index=True)
    before = editions.previous_population(churn, current)
    decided_before, decided_now = perimeter.decisions(seed, current, before)
    with staged_directory(out, whole=True) as staging:
        _write_files(staging, current, rng, cal.STUDY_DATE, seed, decided_now)
        readme.write_readmes(staging, current, seed, scale, earlier.name)
    with staged_directory(earlier, whole=True) as staging:
        _write_files(staging, before, churn, editions.PREVIOUS_DATE, seed, decided_before)
        readme.write_previous_readme(staging, before, out.name, earlier.name)
    return out


def _ensure_clean(raw: Path, processed: Path, as_of) -> Path:
    """processed/companies.parquet, cleaned again from raw if a raw file is newer. Processes that
    ask at once take turns (a lock on raw): one cleans, the others find the table up to date."""
    target = processed / "companies.parquet"
    if not raw.is_dir():
        return target
    with exclusive(raw):
        built = target.stat().st_mtime if target.exists() else 0
        if any(path.stat().st_mtime > built for path in raw.rglob("*") if path.is_file()):
            _clean(raw, processed, as_of)
    return target


def _clean(raw: Path, processed: Path, as_of) -> None:
    """`santenum clean` of raw into processed, identified in raw's register when it has one."""
    from santenum.clean import clean_directory, write_outputs
    from santenum.sirene.identify import Register

    stock = register_files(raw)
    register = Register(*stock) if stock else None
    result = clean_directory(raw, as_of=as_of, show_progress=False, register=register)
    write_outputs(processed, result)


def ensure_demo_data() -> Path:
    """The cleaned demo table: data/processed/companies.parquet, cleaned again if a raw file is newer."""
    settings = config.settings()
    return _ensure_clean(settings.demo_raw_dir, settings.demo_processed_dir, cal.STUDY_DATE)


def ensure_previous_demo_data() -> Path:
    """The demo's previous edition, cleaned at 2022-06-30 (data/processed-2022-06-30)."""
    settings = config.settings()
    return _ensure_clean(
        settings.demo_previous_raw_dir,
        settings.demo_previous_processed_dir,
        editions.PREVIOUS_DATE,
    )
