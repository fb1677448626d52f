/* ui-feedback: the feedback after a question, worded once for both frontends: what the question
 * asked to find, what else is worth noticing, and a kind word about a pick that is not there.
 * The mark itself comes from score.c; these only put it into words. */
#include <string.h>

#include "i18n.h"
#include "ui.h"

/* The learner-facing label of category id ("" when unknown). */
const char *
ui_category_label(struct play *p, const char *id)
{
	size_t ncats, k;
	const struct category *cats = detector_categories(p->det, &ncats);
	int li = lang_index(i18n_lang());

	for (k = 0; k < ncats; k++)
		if (strcmp(cats[k].id, id) == 0)
			return cats[k].label[li];
	return id;
}

/* Labels of ids joined by "; ". */
static void
add_labels(struct buf *b, struct play *p, const char *const *ids, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		enum stage st = stage_from_id(ids[k]);
		buf_adds(b, k > 0 ? "; " : "");
		buf_adds(b, st != STAGE_COUNT ? detector_stage_label(p->det, st, i18n_lang())
					      : ui_category_label(p, ids[k]));
	}
}

/* "Stage: X - the signs to find", or without "Stage: " (see ui.h). */
char *
ui_feedback_key(struct play *p, const struct entry *e, const char *dash, bool titled)
{
	struct buf b = {0};

	if (e->key.stage == STAGE_NONE)
		return NULL;
	if (titled)
		buf_addf(&b, "%s: ", _("Stage"));
	buf_adds(&b, detector_stage_label(p->det, e->key.stage, i18n_lang()));
	if (e->key.nneed > 0) {
		buf_adds(&b, dash);
		add_labels(&b, p, e->key.need, e->key.nneed);
	}
	return b.s;
}

/* "Also worth noticing: ..." (see ui.h). */
char *
ui_feedback_also(struct play *p, const struct entry *e)
{
	struct buf b = {0};

	if (e->key.nalso == 0 || e->key.stage == STAGE_NONE)
		return NULL;
	buf_addf(&b, "%s ", _("Also worth noticing (not needed for a right answer):"));
	add_labels(&b, p, e->key.also, e->key.nalso);
	return b.s;
}

/* A kind sentence about picks that are not in this message (see ui.h). */
char *
ui_feedback_extra(struct play *p, const struct entry *e)
{
	struct buf b = {0};

	if (e->mark.nextra == 0 || e->key.stage == STAGE_NONE)
		return NULL;
	buf_adds(&b, _("Not in this message:"));
	buf_adds(&b, " ");
	add_labels(&b, p, e->mark.extra, e->mark.nextra);
	buf_adds(&b, ". ");
	buf_adds(&b, _("It is good that you watch for it; this message just does not show it."));
	return b.s;
}

/* How a reply choice is offered: the action, the chat line in quotes, or both (see ui.h). */
char *
ui_choice_label(const struct choice *ch)
{
	if (ch->action != NULL && ch->text != NULL)
		return xasprintf("%s \xe2\x80\x94 \xe2\x80\x9c%s\xe2\x80\x9d", ch->action, ch->text);
	if (ch->action != NULL)
		return xasprintf("%s", ch->action);
	return xasprintf("\xe2\x80\x9c%s\xe2\x80\x9d", ch->text);
}

/* Whether a speaker is a contact the child knows: a role that does not say stranger. */
static bool
known_contact(struct play *p, int speaker)
{
	const char *role;

	if (speaker < 0 || (size_t)speaker >= p->s->ncontacts)
		return false;
	role = p->s->contacts[speaker].role;
	return role != NULL && strstr(role, "stranger") == NULL && strstr(role, "asing") == NULL &&
	       strstr(role, "unknown") == NULL && strstr(role, "tidak dikenal") == NULL &&
	       strstr(role, "met in") == NULL && strstr(role, "kenal di") == NULL;
}

/* Why a fine message is fine, by contrast, and a word that blame is never the child's (ui.h). */
char *
ui_feedback_why(struct play *p, const struct entry *e)
{
	if (e->key.stage == STAGE_NONE && e->contrast != NULL)
		return xasprintf(_("This is fine because it comes from %s, someone you know. From a "
				   "stranger, the same words would be a warning sign: %s."),
				 scenario_speaker_name(p->s, e->speaker), ui_category_label(p, e->contrast));
	if (e->key.stage == STAGE_NONE && known_contact(p, e->speaker))
		return xasprintf(_("This is fine: it comes from %s, someone you know, and fits what they "
				   "would normally say. From a stranger, the same words would be worth a "
				   "second look."), scenario_speaker_name(p->s, e->speaker));
	if (e->key.stage != STAGE_NONE &&
	    (key_needs(&e->key, "guilt") || key_also(&e->key, "guilt")))
		return xasprintf("%s", _("If someone says any of this is your fault: it is not. Blaming "
					 "you is a way to pressure you, and you can still ask for help."));
	return NULL;
}
