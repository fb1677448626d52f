/* scenario: turn a located tree into the scenario model, reporting every authoring error. */
#include "scenario.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lua-api.h"

static const char *const stage_ids[STAGE_COUNT] = {
	"trust", "isolation", "sexualization", "control", "extortion", "none",
};

/* The stable id of a stage. */
const char *
stage_id(enum stage st)
{
	return st < STAGE_COUNT ? stage_ids[st] : "none";
}

/* The stage an id names, or STAGE_COUNT. */
enum stage
stage_from_id(const char *id)
{
	int i;

	for (i = 0; id != NULL && i < STAGE_COUNT; i++)
		if (strcmp(id, stage_ids[i]) == 0)
			return (enum stage)i;
	return STAGE_COUNT;
}

/* The id of a platform, as written in files and JSON. */
const char *
platform_name(enum platform p)
{
	switch (p) {
	case PLATFORM_GAME: return "game";
	case PLATFORM_CHATROOM: return "chatroom";
	default: return "messenger";
	}
}

/* Everything the checks need while walking one file. */
struct ctx {
	struct scenario *s;
	struct diags *d;
	const char *path;
	size_t errors_at_start; /* errors already reported before this file */
	size_t broken_links;    /* `next` or `from` naming nothing */
	size_t dead_ends;       /* paths running off the end (E203): they explain any "loop" */
};

#define SIGN_LIST "flattery, gifts, personal-questions, only-me, secrecy, turning-away, " \
	"going-private, who-is-around, romance-body, photos, meeting, guilt, threats-leave, " \
	"threats-share, demands"

#define ERR(c, node, code, ...) \
	diag_add((c)->d, (c)->path, (node)->line, (node)->col, DIAG_ERROR, code, __VA_ARGS__)

/* The closest of a list of words, for "did you mean". */
static const char *
closest(const char *word, const char *const *words, size_t n)
{
	const char *best = NULL;
	int bestd = 3; /* more than two edits away is no longer a typo */
	size_t i;

	for (i = 0; i < n; i++) {
		int dist = edit_distance(word, words[i]);
		if (dist < bestd || (dist <= 2 && strstr(words[i], word) == words[i] && best == NULL)) {
			bestd = dist;
			best = words[i];
		}
	}
	return best;
}

/* The warning-sign category ids: fixed (lua/lexicon/categories.yaml says so; tests/run.sh
 * holds this list equal to that file), so a scenario's `signs:` are checked while it loads, even
 * when the file has other errors and no detector is started. */
static const char *const sign_ids[] = {
	"flattery", "gifts", "personal-questions", "only-me", "secrecy", "turning-away",
	"going-private", "who-is-around", "romance-body", "photos", "meeting", "guilt",
	"threats-leave", "threats-share", "demands",
};

/* Words a teacher may write for a sign (in either language), and the id they mean. */
static const char *const sign_words[] = {
	"hadiah", "gifts", "gift", "gifts", "rahasia", "secrecy", "secret", "secrecy",
	"pujian", "flattery", "rayuan", "flattery", "foto", "photos", "photo", "photos",
	"kamera", "photos", "ketemu", "meeting", "bertemu", "meeting", "meet", "meeting",
	"ancaman", "threats-share", "threat", "threats-share", "threats", "threats-share",
	"tuntutan", "demands", "pemerasan", "demands", "romantis", "romance-body",
	"pribadi", "going-private", "private", "going-private", "bersalah", "guilt",
	"pertanyaan-pribadi", "personal-questions", "questions", "personal-questions",
};

/* Every unknown id in a step's `signs:`, each at its place, with "did you mean" and the list. */
static void
check_signs(struct ctx *c, const struct tree *m)
{
	const struct tree *v = tree_get(m, "signs");
	size_t i, n = v == NULL ? 0 : v->kind == TREE_SEQ ? v->n : 1;

	for (i = 0; i < n; i++) {
		const struct tree *it = v->kind == TREE_SEQ ? v->items[i] : v;
		const char *hint;
		size_t k;
		if (it->kind != TREE_SCALAR)
			continue;
		for (k = 0; k < ARRAY_LEN(sign_ids) && strcmp(sign_ids[k], it->str) != 0; k++)
			;
		if (k < ARRAY_LEN(sign_ids))
			continue;
		hint = closest(it->str, sign_ids, ARRAY_LEN(sign_ids));
		for (k = 0; hint == NULL && k < ARRAY_LEN(sign_words); k += 2)
			if (strcmp(sign_words[k], it->str) == 0)
				hint = sign_words[k + 1];
		if (hint != NULL)
			ERR(c, it, D_VALUE, _("'%s' is not a warning sign (did you mean '%s'?); the signs "
					      "are: %s"), it->str, hint, SIGN_LIST);
		else
			ERR(c, it, D_VALUE, _("'%s' is not a warning sign; the signs are: %s"), it->str,
			    SIGN_LIST);
	}
}

/* Report keys of a map that are not in allowed[], suggesting the likely one. */
static void
check_keys(struct ctx *c, const struct tree *map, const char *what, const char *const *allowed,
	   size_t n)
{
	size_t i, j;

	for (i = 0; i < map->n; i++) {
		const struct tree *k = map->items[2 * i];
		for (j = 0; j < n; j++)
			if (strcmp(k->str, allowed[j]) == 0)
				break;
		if (j < n)
			continue;
		const char *hint = closest(k->str, allowed, n);
		if (hint != NULL)
			ERR(c, k, D_UNKNOWN_KEY, _("unknown key '%s' in %s (did you mean '%s'?)"), k->str,
			    what, hint);
		else
			ERR(c, k, D_UNKNOWN_KEY, _("unknown key '%s' in %s"), k->str, what);
	}
}

/* Text must be printable: control characters could drive the learner's terminal. */
static bool
check_text(struct ctx *c, const struct tree *t)
{
	size_t i = 0, n = strlen(t->str);

	/* The screens' own rule (util_is_control): C0, C1, DEL, bidi overrides and marks. */
	while (i < n) {
		unsigned cp;
		int k = utf8_decode(t->str + i, n - i, &cp);
		if (k <= 0)
			break; /* (the loaders have checked the UTF-8 already) */
		if (util_is_control(cp) && cp != '\n' && cp != '\t') {
			ERR(c, t, D_CONTROL, "%s",
			    _("this text contains a control character (such as an escape code); remove it"));
			return false;
		}
		i += (size_t)k;
	}
	return true;
}

/* Every text under t (a scenario's `signals:`, whose explanations a learner reads). */
static void
check_tree_text(struct ctx *c, const struct tree *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->kind == TREE_SCALAR) {
		check_text(c, t);
		return;
	}
	for (i = 0; i < (t->kind == TREE_MAP ? 2 * t->n : t->n); i++)
		check_tree_text(c, t->items[i]);
}

/* A string field: NULL when absent (reported if required) or of the wrong kind. */
static const char *
get_str(struct ctx *c, const struct tree *map, const char *key, bool required, const char *what)
{
	const struct tree *v = tree_get(map, key);

	if (v == NULL) {
		if (required)
			ERR(c, map, D_MISSING, _("%s needs '%s'"), what, key);
		return NULL;
	}
	if (v->kind != TREE_SCALAR) {
		ERR(c, v, D_TYPE, _("'%s' should be text, not %s"), key, tree_kind_name(v->kind));
		return NULL;
	}
	if (required && v->str[0] == '\0') {
		ERR(c, v, D_MISSING, _("'%s' is empty"), key);
		return NULL;
	}
	if (!check_text(c, v))
		return NULL;
	return v->str;
}

/* A whole number in [lo, hi]; def when absent. */
static int
get_int(struct ctx *c, const struct tree *map, const char *key, int lo, int hi, int def,
	bool required, const char *what)
{
	const struct tree *v = tree_get(map, key);
	char *end;
	long n;

	if (v == NULL) {
		if (required)
			ERR(c, map, D_MISSING, _("%s needs '%s'"), what, key);
		return def;
	}
	if (v->kind != TREE_SCALAR) {
		ERR(c, v, D_TYPE, _("'%s' should be a number, not %s"), key, tree_kind_name(v->kind));
		return def;
	}
	errno = 0;
	n = strtol(v->str, &end, 10);
	if (v->str[0] == '\0' || *end != '\0' || errno != 0) {
		ERR(c, v, D_TYPE, _("'%s' should be a whole number, not '%s'"), key, v->str);
		return def;
	}
	if (n < lo || n > hi) {
		ERR(c, v, D_VALUE, _("'%s' should be between %d and %d"), key, lo, hi);
		return def;
	}
	return (int)n;
}

/* A number of seconds (may have decimals) in [lo, hi]; def when absent. */
static double
get_seconds(struct ctx *c, const struct tree *map, const char *key, double lo, double hi, double def)
{
	const struct tree *v = tree_get(map, key);
	char *end;
	double x;

	if (v == NULL)
		return def;
	if (v->kind != TREE_SCALAR) {
		ERR(c, v, D_TYPE, _("'%s' should be a number, not %s"), key, tree_kind_name(v->kind));
		return def;
	}
	x = strtod(v->str, &end);
	if (v->str[0] == '\0' || *end != '\0' || !(x >= lo && x <= hi)) {
		ERR(c, v, D_VALUE, _("'%s' should be a number of seconds between %g and %g"), key, lo, hi);
		return def;
	}
	return x;
}

/* yes/no as YAML writes it. */
static bool
get_bool(struct ctx *c, const struct tree *map, const char *key, bool def)
{
	const struct tree *v = tree_get(map, key);

	if (v == NULL)
		return def;
	if (v->kind == TREE_SCALAR && !v->quoted) {
		if (strcmp(v->str, "true") == 0 || strcmp(v->str, "yes") == 0)
			return true;
		if (strcmp(v->str, "false") == 0 || strcmp(v->str, "no") == 0)
			return false;
	}
	ERR(c, v, D_TYPE, _("'%s' should be true or false"), key);
	return def;
}

/* One of a fixed set of words; returns its index or def. */
static int
get_enum(struct ctx *c, const struct tree *map, const char *key, const char *const *words,
	 size_t n, int def, bool required, const char *what)
{
	const char *s = get_str(c, map, key, required, what);
	const struct tree *v = tree_get(map, key);
	struct buf list = {0};
	size_t i;

	if (s == NULL)
		return def;
	for (i = 0; i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return (int)i;
	for (i = 0; i < n; i++)
		buf_addf(&list, "%s%s", i ? ", " : "", words[i]);
	ERR(c, v, D_VALUE, _("'%s' cannot be '%s'; use one of: %s"), key, s, list.s);
	buf_free(&list);
	return def;
}

/* A list field (NULL when absent or wrong). */
static const struct tree *
get_seq(struct ctx *c, const struct tree *map, const char *key, bool required, const char *what)
{
	const struct tree *v = tree_get(map, key);

	if (v == NULL) {
		if (required)
			ERR(c, map, D_MISSING, _("%s needs '%s'"), what, key);
		return NULL;
	}
	if (v->kind != TREE_SEQ) {
		ERR(c, v, D_TYPE, _("'%s' should be a list (lines starting with '- '), not %s"), key,
		    tree_kind_name(v->kind));
		return NULL;
	}
	return v;
}

/* A map field (NULL when absent or wrong). */
static const struct tree *
get_map(struct ctx *c, const struct tree *map, const char *key, bool required, const char *what)
{
	const struct tree *v = tree_get(map, key);

	if (v == NULL) {
		if (required)
			ERR(c, map, D_MISSING, _("%s needs '%s'"), what, key);
		return NULL;
	}
	if (v->kind != TREE_MAP) {
		ERR(c, v, D_TYPE, _("'%s' should be a map (lines of 'key: value'), not %s"), key,
		    tree_kind_name(v->kind));
		return NULL;
	}
	return v;
}

/* A list of short words (sign categories, advice lines), NULL-terminated in the arena. */
static const char **
get_words(struct ctx *c, const struct tree *map, const char *key)
{
	const struct tree *v = tree_get(map, key);
	const char **out;
	size_t i;

	if (v == NULL)
		return NULL;
	if (v->kind == TREE_SCALAR) { /* one item may be written without a list */
		out = arena_alloc(&c->s->arena, 2 * sizeof(*out));
		out[0] = check_text(c, v) ? v->str : "";
		return out;
	}
	if (v->kind != TREE_SEQ) {
		ERR(c, v, D_TYPE, _("'%s' should be a list, not %s"), key, tree_kind_name(v->kind));
		return NULL;
	}
	out = arena_alloc(&c->s->arena, (v->n + 1) * sizeof(*out));
	for (i = 0; i < v->n; i++) {
		if (v->items[i]->kind != TREE_SCALAR) {
			ERR(c, v->items[i], D_TYPE, _("each item of '%s' should be text"), key);
			out[i] = "";
		} else {
			out[i] = check_text(c, v->items[i]) ? v->items[i]->str : "";
		}
	}
	return out;
}

/* Ids are short and plain so they read well in files, results and commands. */
static bool
check_id(struct ctx *c, const struct tree *map, const char *id)
{
	const char *p;

	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.')) {
			ERR(c, tree_get(map, "id"), D_VALUE,
			    _("the id '%s' may only use letters, digits, '-', '_' and '.'"), id);
			return false;
		}
	return true;
}

static const char *const top_keys[] = {
	"waspada", "id", "version", "lang", "title", "summary", "platform", "difficulty", "order",
	"minutes", "place", "persona", "contacts", "conversation", "endings", "signals", "tests",
};
static const char *const test_keys[] = {"name", "input", "ending", "score"};
static const char *const persona_keys[] = {"name", "age", "gender", "hobby"};
static const char *const contact_keys[] = {"id", "name", "role"};
static const char *const step_keys[] = {
	"id", "from", "text", "delay", "ask", "expect", "signs", "next", "choices", "platform", "place",
};
static const char *const choice_keys[] = {"text", "action", "next"};
static const char *const ending_keys[] = {"id", "title", "text", "kind", "advice"};
static const char *const platforms[] = {"game", "chatroom", "messenger"};
static const char *const difficulties[] = {"beginner", "intermediate", "advanced"};
static const char *const langs[] = {"id", "en"};
static const char *const ending_kinds[] = {"safe", "neutral", "harmed"};

/* Read the persona block. */
static void
load_persona(struct ctx *c, const struct tree *root)
{
	const struct tree *p = get_map(c, root, "persona", true, _("the scenario"));
	struct persona *pe = &c->s->persona;

	if (p == NULL)
		return;
	check_keys(c, p, _("the persona"), persona_keys, ARRAY_LEN(persona_keys));
	pe->name = get_str(c, p, "name", true, "persona");
	pe->age = get_int(c, p, "age", 8, 18, 12, true, "persona");
	pe->gender = get_str(c, p, "gender", false, "persona");
	pe->hobby = get_str(c, p, "hobby", false, "persona");
}

/* Read the contacts list. */
static void
load_contacts(struct ctx *c, const struct tree *root)
{
	const struct tree *v = get_seq(c, root, "contacts", true, _("the scenario"));
	struct scenario *s = c->s;
	size_t i, j;

	if (v == NULL)
		return;
	s->contacts = arena_alloc(&s->arena, (v->n + 1) * sizeof(*s->contacts));
	for (i = 0; i < v->n; i++) {
		const struct tree *m = v->items[i];
		struct contact *ct = &s->contacts[s->ncontacts];
		if (m->kind != TREE_MAP) {
			ERR(c, m, D_TYPE, _("each contact should be a map with id and name, not %s"),
			    tree_kind_name(m->kind));
			continue;
		}
		check_keys(c, m, _("a contact"), contact_keys, ARRAY_LEN(contact_keys));
		ct->id = get_str(c, m, "id", true, _("a contact"));
		ct->name = get_str(c, m, "name", true, _("a contact"));
		ct->role = get_str(c, m, "role", false, _("a contact"));
		ct->line = m->line;
		ct->col = m->col;
		if (ct->id == NULL || ct->name == NULL || !check_id(c, m, ct->id))
			continue;
		if (strcmp(ct->id, "persona") == 0 || strcmp(ct->id, "system") == 0) {
			ERR(c, tree_get(m, "id"), D_VALUE,
			    _("'%s' is kept for the learner's persona and game messages; choose another id"),
			    ct->id);
			continue;
		}
		for (j = 0; j < s->ncontacts; j++)
			if (strcmp(s->contacts[j].id, ct->id) == 0) {
				ERR(c, tree_get(m, "id"), D_DUP_ID,
				    _("the contact id '%s' is used twice (first on line %d)"), ct->id,
				    s->contacts[j].line);
				break;
			}
		if (j == s->ncontacts)
			s->ncontacts++;
	}
	if (v->n == 0)
		ERR(c, v, D_MISSING, "%s", _("a scenario needs at least one contact"));
}

/* Read one reply choice of a choice step. */
static void
load_choice(struct ctx *c, const struct tree *m, struct choice *ch)
{
	ch->line = m->line;
	ch->col = m->col;
	ch->target = INT_MIN;
	if (m->kind != TREE_MAP) {
		ERR(c, m, D_TYPE, _("each choice should be a map with 'text' or 'action' (and 'next'), "
				    "not %s"), tree_kind_name(m->kind));
		return;
	}
	check_keys(c, m, _("a choice"), choice_keys, ARRAY_LEN(choice_keys));
	/* A reply is what the child writes (text), what the child does (action), or both: "Show
	 * Mum the message" must never be posted to the stranger as a chat line. */
	ch->action = get_str(c, m, "action", false, _("a choice"));
	ch->text = get_str(c, m, "text", ch->action == NULL, _("a choice"));
	ch->next = get_str(c, m, "next", false, _("a choice"));
}

/* Read one step of the conversation: a message or a choice. */
static void
load_step(struct ctx *c, const struct tree *m, struct step *st)
{
	const struct tree *choices;
	size_t i;

	st->line = m->line;
	st->col = m->col;
	st->target = INT_MIN;
	check_keys(c, m, _("a conversation step"), step_keys, ARRAY_LEN(step_keys));
	st->id = get_str(c, m, "id", true, _("each step of the conversation"));
	if (st->id != NULL)
		check_id(c, m, st->id);
	st->next = get_str(c, m, "next", false, "");
	choices = tree_get(m, "choices");
	if (choices != NULL) {
		st->kind = STEP_CHOICE;
		if (tree_get(m, "text") != NULL || tree_get(m, "from") != NULL)
			ERR(c, m, D_VALUE, "%s",
			    _("a step is either a message (from, text) or a choice (choices), not both"));
		if (tree_get(m, "next") != NULL)
			ERR(c, tree_get(m, "next"), D_VALUE, "%s",
			    _("a choice step has no 'next' of its own: give each choice its 'next'"));
		choices = get_seq(c, m, "choices", true, "");
		if (choices == NULL)
			return;
		if (choices->n < 1 || choices->n > 9) {
			ERR(c, choices, D_VALUE, "%s", _("a choice step needs between 1 and 9 choices"));
			if (choices->n == 0)
				return;
		}
		st->choices = arena_alloc(&c->s->arena, choices->n * sizeof(*st->choices));
		st->nchoices = choices->n;
		for (i = 0; i < choices->n; i++)
			load_choice(c, choices->items[i], &st->choices[i]);
		return;
	}
	st->kind = STEP_MESSAGE;
	st->from = get_str(c, m, "from", true, _("a message"));
	st->text = get_str(c, m, "text", true, _("a message"));
	st->delay = get_seconds(c, m, "delay", 0, 30, -1);
	st->ask = get_bool(c, m, "ask", false);
	st->expect = get_str(c, m, "expect", false, "");
	st->signs = get_words(c, m, "signs");
	check_signs(c, m);
	if (st->expect != NULL && stage_from_id(st->expect) == STAGE_COUNT)
		ERR(c, tree_get(m, "expect"), D_VALUE,
		    _("'expect' cannot be '%s'; use one of: trust, isolation, sexualization, control, "
		      "extortion, none"), st->expect);
	if ((st->expect != NULL || st->signs != NULL) && !st->ask)
		st->ask = true; /* stating what should be noticed implies asking */
	/* A system message may move the chat elsewhere ("Later, on TalkTown..."): the screen then
	 * takes that platform's look. */
	st->moves_to = -1;
	if (tree_get(m, "platform") != NULL || tree_get(m, "place") != NULL) {
		if (st->from != NULL && strcmp(st->from, "system") != 0)
			ERR(c, m, D_VALUE, "%s",
			    _("only a system message ('from: system') can move the chat with 'platform' "
			      "or 'place'"));
		st->moves_to = get_enum(c, m, "platform", platforms, ARRAY_LEN(platforms), -1, false, "");
		st->moves_place = get_str(c, m, "place", false, "");
	}
}

/* Read the ending blocks. */
static void
load_endings(struct ctx *c, const struct tree *root)
{
	const struct tree *v = get_seq(c, root, "endings", true, _("the scenario"));
	struct scenario *s = c->s;
	size_t i;

	if (v == NULL)
		return;
	if (v->n == 0)
		ERR(c, v, D_MISSING, "%s", _("a scenario needs at least one ending"));
	s->endings = arena_alloc(&s->arena, (v->n + 1) * sizeof(*s->endings));
	for (i = 0; i < v->n; i++) {
		const struct tree *m = v->items[i];
		struct ending *e = &s->endings[s->nendings];
		if (m->kind != TREE_MAP) {
			ERR(c, m, D_TYPE, _("each ending should be a map with id, title and text, not %s"),
			    tree_kind_name(m->kind));
			continue;
		}
		check_keys(c, m, _("an ending"), ending_keys, ARRAY_LEN(ending_keys));
		e->id = get_str(c, m, "id", true, _("an ending"));
		e->title = get_str(c, m, "title", true, _("an ending"));
		e->text = get_str(c, m, "text", true, _("an ending"));
		e->kind = (enum ending_kind)get_enum(c, m, "kind", ending_kinds, ARRAY_LEN(ending_kinds),
						     ENDING_NEUTRAL, false, "");
		e->advice = get_words(c, m, "advice");
		e->line = m->line;
		e->col = m->col;
		if (e->id != NULL && check_id(c, m, e->id))
			s->nendings++;
	}
}

/* Read the test plans: each a name, the input lines, and the expected ending and score. */
static void
load_tests(struct ctx *c, const struct tree *root)
{
	const struct tree *v = get_seq(c, root, "tests", false, "");
	struct scenario *s = c->s;
	size_t i;

	if (v == NULL)
		return;
	s->tests = arena_alloc(&s->arena, (v->n + 1) * sizeof(*s->tests));
	for (i = 0; i < v->n; i++) {
		const struct tree *m = v->items[i], *in;
		struct test_plan *t = &s->tests[s->ntests];
		if (m->kind != TREE_MAP) {
			ERR(c, m, D_TYPE, _("each test should be a map with name and input, not %s"),
			    tree_kind_name(m->kind));
			continue;
		}
		check_keys(c, m, _("a test"), test_keys, ARRAY_LEN(test_keys));
		t->name = get_str(c, m, "name", true, _("a test"));
		t->ending = get_str(c, m, "ending", false, "");
		t->score = get_int(c, m, "score", 0, 100, -1, false, "");
		t->line = m->line;
		t->col = m->col;
		in = get_seq(c, m, "input", true, _("a test"));
		if (t->name == NULL || in == NULL)
			continue;
		t->input = get_words(c, m, "input");
		s->ntests++;
	}
}

/* Index of a step or ending by id (see scenario.h). */
int
scenario_find(const struct scenario *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nsteps; i++)
		if (s->steps[i].id != NULL && strcmp(s->steps[i].id, id) == 0)
			return (int)i;
	for (i = 0; i < s->nendings; i++)
		if (strcmp(s->endings[i].id, id) == 0)
			return -(int)i - 1;
	return INT_MIN;
}

/* Resolve one `next`, suggesting the id the author probably meant. */
static int
resolve_next(struct ctx *c, const char *next, int line, int col)
{
	const struct scenario *s = c->s;
	int t = scenario_find(s, next);
	const char **ids;
	const char *hint;
	size_t i, n = 0;

	if (t != INT_MIN)
		return t;
	c->broken_links++;
	ids = xmalloc((s->nsteps + s->nendings + 1) * sizeof(*ids));
	for (i = 0; i < s->nsteps; i++)
		if (s->steps[i].id != NULL)
			ids[n++] = s->steps[i].id;
	for (i = 0; i < s->nendings; i++)
		ids[n++] = s->endings[i].id;
	hint = closest(next, ids, n);
	if (hint != NULL)
		diag_add(c->d, c->path, line, col, DIAG_ERROR, D_NOWHERE,
			 _("'next: %s' leads nowhere: no message or ending has that id (did you mean '%s'?)"),
			 next, hint);
	else
		diag_add(c->d, c->path, line, col, DIAG_ERROR, D_NOWHERE,
			 _("'next: %s' leads nowhere: no message or ending has that id"), next);
	free(ids);
	return INT_MIN;
}

/* A step from which no path reaches an ending would trap the learner in a loop: report the
 * first such step the conversation can reach. */
static void
check_loops(struct ctx *c, const char *reachable)
{
	const struct scenario *s = c->s;
	char *can_end = xcalloc(s->nsteps, 1);
	bool changed = true;
	size_t i, j;

	while (changed) {
		changed = false;
		for (i = 0; i < s->nsteps; i++) {
			const struct step *st = &s->steps[i];
			size_t nt = st->kind == STEP_MESSAGE ? 1 : st->nchoices;
			if (can_end[i])
				continue;
			for (j = 0; j < nt && !can_end[i]; j++) {
				int t = st->kind == STEP_MESSAGE ? st->target : st->choices[j].target;
				if (t != INT_MIN && (t < 0 || can_end[t]))
					can_end[i] = changed = true;
			}
		}
	}
	for (i = 0; i < s->nsteps; i++)
		if (reachable[i] && !can_end[i]) {
			diag_add(c->d, c->path, s->steps[i].line, s->steps[i].col, DIAG_ERROR, D_LOOP,
				 _("from '%s' no path reaches an ending: the conversation would loop "
				   "forever; give a choice a way out"), s->steps[i].id);
			break;
		}
	free(can_end);
}

/* Steps and endings share one namespace, since `next` may name either: each id once. */
static void
check_ids(struct ctx *c)
{
	struct scenario *s = c->s;
	size_t i, j;

	for (i = 0; i < s->nsteps; i++) {
		if (s->steps[i].id == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (s->steps[j].id != NULL && strcmp(s->steps[i].id, s->steps[j].id) == 0) {
				diag_add(c->d, c->path, s->steps[i].line, s->steps[i].col, DIAG_ERROR,
					 D_DUP_ID, _("the id '%s' is used twice (first on line %d)"),
					 s->steps[i].id, s->steps[j].line);
				break;
			}
	}
	for (i = 0; i < s->nendings; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(s->endings[i].id, s->endings[j].id) == 0)
				break;
		int k = j < i ? -1 : scenario_find(s, s->endings[i].id);
		if (j < i || k >= 0)
			diag_add(c->d, c->path, s->endings[i].line, s->endings[i].col, DIAG_ERROR,
				 D_DUP_ID, _("the id '%s' is used twice (first on line %d)"),
				 s->endings[i].id,
				 j < i ? s->endings[j].line : s->steps[k].line);
	}
}

/* Each message's speaker: the persona, the system, or a contact (with a hint when misspelt). */
static void
link_speakers(struct ctx *c)
{
	struct scenario *s = c->s;
	size_t i, j;

	for (i = 0; i < s->nsteps; i++) {
		struct step *st = &s->steps[i];
		if (st->kind != STEP_MESSAGE || st->from == NULL)
			continue;
		if (strcmp(st->from, "persona") == 0) {
			st->speaker = SPEAKER_PERSONA;
			continue;
		}
		if (strcmp(st->from, "system") == 0) {
			st->speaker = SPEAKER_SYSTEM;
			continue;
		}
		st->speaker = INT_MIN;
		for (j = 0; j < s->ncontacts; j++)
			if (strcmp(st->from, s->contacts[j].id) == 0)
				st->speaker = (int)j;
		if (st->speaker == INT_MIN) {
			c->broken_links++;
			const char **ids = xmalloc((s->ncontacts + 2) * sizeof(*ids));
			size_t n = 0;
			for (j = 0; j < s->ncontacts; j++)
				ids[n++] = s->contacts[j].id;
			ids[n++] = "persona";
			const char *hint = closest(st->from, ids, n);
			if (hint != NULL)
				diag_add(c->d, c->path, st->line, st->col, DIAG_ERROR, D_NOWHERE,
					 _("'from: %s' is not a contact (did you mean '%s'?)"), st->from, hint);
			else
				diag_add(c->d, c->path, st->line, st->col, DIAG_ERROR, D_NOWHERE,
					 _("'from: %s' is not a contact; add it under 'contacts' or use "
					   "'persona'"), st->from);
			free(ids);
			st->speaker = SPEAKER_SYSTEM;
		}
	}
}

/* Links: an explicit next, else the following step; running off the end is an error. */
static void
link_steps(struct ctx *c)
{
	struct scenario *s = c->s;
	size_t i, j;

	for (i = 0; i < s->nsteps; i++) {
		struct step *st = &s->steps[i];
		if (st->kind == STEP_MESSAGE) {
			if (st->next != NULL)
				st->target = resolve_next(c, st->next, st->line, st->col);
			else if (i + 1 < s->nsteps)
				st->target = (int)i + 1;
			else
				diag_add(c->d, c->path, st->line, st->col, DIAG_ERROR, D_NO_ENDING, "%s",
					 _("the conversation stops here without an ending: add "
					   "'next: ENDING-ID'")), c->dead_ends++;
			continue;
		}
		for (j = 0; j < st->nchoices; j++) {
			struct choice *ch = &st->choices[j];
			if (ch->next != NULL)
				ch->target = resolve_next(c, ch->next, ch->line, ch->col);
			else if (i + 1 < s->nsteps)
				ch->target = (int)i + 1;
			else if (ch->text != NULL || ch->action != NULL)
				diag_add(c->d, c->path, ch->line, ch->col, DIAG_ERROR, D_NO_ENDING, "%s",
					 _("this choice stops the conversation without an ending: add "
					   "'next: ENDING-ID'")), c->dead_ends++;
		}
	}
}

/* Every step and ending reached from the first step (depth first), no loop without a way out,
 * and each test plan's ending an ending. */
static void
check_reachable(struct ctx *c, const struct tree *conv)
{
	struct scenario *s = c->s;
	size_t i, j;
	char *seen_step, *seen_end;
	int *stack, top = 0;

	if (s->nsteps == 0) {
		if (conv != NULL)
			diag_add(c->d, c->path, conv->line, conv->col, DIAG_ERROR, D_MISSING, "%s",
				 _("the conversation has no messages"));
		return;
	}
	seen_step = xcalloc(s->nsteps, 1);
	seen_end = xcalloc(s->nendings + 1, 1);
	stack = xmalloc((s->nsteps + 1) * sizeof(*stack));
	stack[top++] = 0;
	seen_step[0] = 1;
	while (top > 0) {
		const struct step *st = &s->steps[stack[--top]];
		size_t nt = st->kind == STEP_MESSAGE ? 1 : st->nchoices;
		for (j = 0; j < nt; j++) {
			int t = st->kind == STEP_MESSAGE ? st->target : st->choices[j].target;
			if (t == INT_MIN)
				continue;
			if (t < 0) {
				seen_end[-t - 1] = 1;
			} else if (!seen_step[t]) {
				seen_step[t] = 1;
				stack[top++] = t;
			}
		}
	}
	for (i = 0; i < s->nsteps; i++)
		if (!seen_step[i])
			diag_add(c->d, c->path, s->steps[i].line, s->steps[i].col, DIAG_ERROR,
				 D_UNREACHABLE,
				 _("no path reaches '%s': nothing leads here (the step before it jumps "
				   "elsewhere)"), s->steps[i].id ? s->steps[i].id : "?");
	for (i = 0; i < s->nendings; i++)
		if (!seen_end[i])
			diag_add(c->d, c->path, s->endings[i].line, s->endings[i].col, DIAG_ERROR,
				 D_UNREACHABLE, _("no path reaches the ending '%s'"), s->endings[i].id);
	if (c->dead_ends == 0)
		check_loops(c, seen_step);
	for (i = 0; i < s->ntests; i++)
		if (s->tests[i].ending != NULL && scenario_find(s, s->tests[i].ending) >= 0)
			diag_add(c->d, c->path, s->tests[i].line, s->tests[i].col, DIAG_ERROR, D_NOWHERE,
				 _("the test expects the ending '%s', but that is a message"), s->tests[i].ending);
		else if (s->tests[i].ending != NULL && scenario_find(s, s->tests[i].ending) == INT_MIN)
			diag_add(c->d, c->path, s->tests[i].line, s->tests[i].col, DIAG_ERROR, D_NOWHERE,
				 _("the test expects the ending '%s', but there is no such ending"),
				 s->tests[i].ending);
	free(seen_step);
	free(seen_end);
	free(stack);
}

/* Check ids, speakers and links, then that every step and ending can be reached. */
static void
link_and_check(struct ctx *c, const struct tree *conv)
{
	size_t structural_errors = c->d->errors;

	check_ids(c);
	link_speakers(c);
	link_steps(c);
	if (c->errors_at_start != structural_errors || c->broken_links > 0)
		return; /* reachability would only repeat those errors */
	check_reachable(c, conv);
}

/* Build a scenario from a tree; NULL (with diagnostics) when anything is wrong. */
struct scenario *
scenario_from_tree(struct tree *root, struct arena *a, const char *path, struct diags *d)
{
	struct scenario *s = xcalloc(1, sizeof(*s));
	struct ctx c = {.s = s, .d = d, .path = path, .errors_at_start = d->errors};
	size_t errors = d->errors, i;
	const struct tree *conv;

	s->arena = *a; /* the tree's memory now belongs to the scenario */
	memset(a, 0, sizeof(*a));
	s->path = arena_strdup(&s->arena, path);
	if (root == NULL || root->kind != TREE_MAP) {
		if (root != NULL)
			diag_add(d, path, root->line, root->col, DIAG_ERROR, D_TYPE,
				 _("a scenario file is a map of keys (id, title, conversation...), not %s"),
				 tree_kind_name(root->kind));
		scenario_free(s);
		return NULL;
	}
	check_keys(&c, root, _("the scenario"), top_keys, ARRAY_LEN(top_keys));
	get_int(&c, root, "waspada", 1, 1, 1, false, ""); /* only format 1 exists so far */
	s->id = get_str(&c, root, "id", true, _("the scenario"));
	if (s->id != NULL)
		check_id(&c, root, s->id);
	s->version = get_int(&c, root, "version", 1, 1000000, 1, false, "");
	s->lang = langs[get_enum(&c, root, "lang", langs, ARRAY_LEN(langs), 1, true, _("the scenario"))];
	s->title = get_str(&c, root, "title", true, _("the scenario"));
	s->summary = get_str(&c, root, "summary", true, _("the scenario"));
	s->platform = (enum platform)get_enum(&c, root, "platform", platforms, ARRAY_LEN(platforms), 0,
					      true, _("the scenario"));
	s->difficulty = difficulties[get_enum(&c, root, "difficulty", difficulties,
					      ARRAY_LEN(difficulties), 0, false, "")];
	s->order = get_int(&c, root, "order", 0, 10000, 0, false, "");
	s->minutes = get_int(&c, root, "minutes", 1, 120, 0, false, "");
	s->place = get_str(&c, root, "place", false, "");
	s->signals = tree_get(root, "signals");
	check_tree_text(&c, s->signals);
	load_persona(&c, root);
	load_contacts(&c, root);
	conv = get_seq(&c, root, "conversation", true, _("the scenario"));
	if (conv != NULL) {
		if (conv->n > SCENARIO_MAX_STEPS) {
			ERR(&c, conv, D_LIMIT, _("the conversation has %zu steps; the limit is %d"), conv->n,
			    SCENARIO_MAX_STEPS);
		} else {
			s->steps = arena_alloc(&s->arena, (conv->n + 1) * sizeof(*s->steps));
			for (i = 0; i < conv->n; i++) {
				const struct tree *m = conv->items[i];
				if (m->kind != TREE_MAP) {
					ERR(&c, m, D_TYPE,
					    _("each step of the conversation should be a map (id, from, "
					      "text...), not %s"), tree_kind_name(m->kind));
					continue;
				}
				load_step(&c, m, &s->steps[s->nsteps++]);
			}
		}
	}
	load_endings(&c, root);
	load_tests(&c, root);
	link_and_check(&c, conv);
	if (d->errors != errors) {
		scenario_free(s);
		return NULL;
	}
	return s;
}

/* Load a scenario file of either kind. */
struct scenario *
scenario_load(const char *path, struct diags *d)
{
	struct arena a = {0};
	struct tree *root;
	size_t n = strlen(path);

	if (n > 4 && strcmp(path + n - 4, ".lua") == 0)
		root = lua_api_load_scenario(&a, path, d);
	else
		root = tree_load_yaml(&a, path, d);
	if (root == NULL) {
		arena_free(&a);
		return NULL;
	}
	return scenario_from_tree(root, &a, path, d);
}

/* Free a scenario and everything it holds. */
void
scenario_free(struct scenario *s)
{
	if (s == NULL)
		return;
	arena_free(&s->arena);
	free(s);
}

/* The name shown for a speaker. */
const char *
scenario_speaker_name(const struct scenario *s, int speaker)
{
	if (speaker >= 0 && (size_t)speaker < s->ncontacts)
		return s->contacts[speaker].name;
	if (speaker == SPEAKER_PERSONA)
		return s->persona.name ? s->persona.name : "?";
	return "";
}

/* How many messages ask the learner a question. */
size_t
scenario_questions(const struct scenario *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nsteps; i++)
		n += s->steps[i].kind == STEP_MESSAGE && s->steps[i].ask;
	return n;
}
