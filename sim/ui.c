/* ui: the words both frontends say the same way (the platform, a stage, how an answer went);
 * the feedback's longer lines are in ui-feedback.c. */
#include "i18n.h"
#include "ui.h"

/* The platform's name for learners. */
const char *
ui_platform_label(enum platform pl)
{
	switch (pl) {
	case PLATFORM_GAME: return _("game chat");
	case PLATFORM_CHATROOM: return _("chat room");
	default: return _("messenger");
	}
}

/* One short sentence for how an answer went; kind whatever it was. */
const char *
ui_outcome_sentence(const struct entry *e)
{
	switch (e->mark.outcome) {
	case OUTCOME_RIGHT:
		return e->key.stage == STAGE_NONE ? _("Right: nothing worrying here.")
						      : _("Right! You spotted it.");
	case OUTCOME_PARTLY:
		/* "a bit more" only when a sign was really missed: all found, an extra pick cost it */
		return e->mark.missed > 0 ? _("Partly right: you noticed something, and there is a bit more.")
					  : _("Partly right: you found it, and picked something this message does not show.");
	case OUTCOME_MISSED: return _("Not this time. Here is what to look out for.");
	default: return _("This one was fine: it is good to be careful, and this message is OK.");
	}
}

/* A stage in one or two words, for narrow places (the stage track, notes under messages). */
const char *
ui_stage_short(enum stage st)
{
	switch (st) {
	case STAGE_TRUST: return _("Trust");
	case STAGE_ISOLATION: return _("Isolating");
	case STAGE_SEXUALIZATION: return _("Romance/body");
	case STAGE_CONTROL: return _("Control");
	case STAGE_EXTORTION: return _("Threats");
	default: return _("nothing worrying");
	}
}
