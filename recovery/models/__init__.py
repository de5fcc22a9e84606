"""The user's data: profile, injuries and their symptom log, and acknowledgements."""

from recovery.models.habits import Cramp, CrampState, FluidEntry, StretchSession
from recovery.models.imports import ImportJob
from recovery.models.injuries import (
    Acknowledgement,
    Injury,
    InjuryState,
    SymptomEntry,
    give_muscle_names,
    injuries_with_names,
    muscle_names,
    with_name_of,
)
from recovery.models.kept import refresh_all, refreshes_put_off
from recovery.models.profile import (
    DEFAULT_FLUID_GOAL_ML,
    FLUID_MAX_ML,
    FLUID_MIN_ML,
    AddressRequest,
    FormSubmission,
    Profile,
    get_profile,
)
from recovery.models.rehab import (
    LOAD_MAX_KG,
    SETS_MOST,
    ExerciseSession,
    ExerciseSet,
    ProgrammeExercise,
    SetTimer,
)
from recovery.models.reminders import (
    PushSubscription,
    Reminder,
    ReminderKind,
    ReminderSetting,
    ReminderTick,
)
from recovery.models.sharing import SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS, ShareLink
from recovery.models.treatments import ICE_MAX_MINUTES, IceSession, Treatment

# The logs that belong to a user directly; the others (entries, acknowledgements) hang off an
# injury and go with it.
USER_LOGS = (Injury, Treatment, IceSession, FluidEntry, Cramp, StretchSession)

__all__ = [
    "USER_LOGS",
    "give_muscle_names",
    "injuries_with_names",
    "muscle_names",
    "with_name_of",
    "DEFAULT_FLUID_GOAL_ML",
    "FLUID_MAX_ML",
    "FLUID_MIN_ML",
    "ICE_MAX_MINUTES",
    "SHARE_DEFAULT_DAYS",
    "SHARE_MAX_DAYS",
    "Acknowledgement",
    "ShareLink",
    "Cramp",
    "CrampState",
    "FluidEntry",
    "StretchSession",
    "IceSession",
    "Treatment",
    "Injury",
    "InjuryState",
    "refreshes_put_off",
    "refresh_all",
    "ImportJob",
    "LOAD_MAX_KG",
    "SETS_MOST",
    "ProgrammeExercise",
    "ExerciseSession",
    "ExerciseSet",
    "SetTimer",
    "PushSubscription",
    "Reminder",
    "ReminderKind",
    "ReminderSetting",
    "ReminderTick",
    "AddressRequest",
    "FormSubmission",
    "Profile",
    "SymptomEntry",
    "get_profile",
]
