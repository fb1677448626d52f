/* cmd-detect: `waspada detect`: run the stage detector over a transcript or a scenario. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "cmd.h"
#include "detector.h"
#include "i18n.h"
#include "transcript.h"

/* How many messages of a conversation are read before deciding its language (--lang auto) and
 * who the child is (no --child): the first ones are judged twice when the child is guessed. */
#define AUTO_LANG_MESSAGES 40

/* One JSON line's values, made once and updated in place for every message: building a fresh
 * object per message was a third of `detect --json`'s time. */
struct json_line {
	json_t *obj, *conversation, *line, *speaker, *text, *stage, *signals, *categories, *spans,
		*confidence, *explanation, *lang;
};

struct out {
	bool json;
	bool features;   /* --features: what the model reads, for `make train` */
	const char *child; /* --child NAME */
	struct detector *det;
	long printed;
	const char *name;  /* the input's name, for messages */
	long failed;       /* messages the detector could not judge */
	struct json_line j;
	char *buf;       /* the line, written with one fwrite (jansson's dumpf writes piecemeal) */
	size_t cap;
};

/* Add key to the line's object with value v, and keep v to update it later. */
static json_t *
json_field(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new(obj, key, v);
	return v;
}

/* Make the JSON line in design.md's key order. */
static void
json_line_init(struct json_line *j)
{
	j->obj = json_object();
	j->conversation = json_field(j->obj, "conversation", json_integer(0));
	j->line = json_field(j->obj, "line", json_integer(0));
	j->speaker = json_field(j->obj, "speaker", json_string(""));
	j->text = json_field(j->obj, "text", json_string(""));
	j->stage = json_field(j->obj, "stage", json_string(""));
	j->signals = json_field(j->obj, "signals", json_array());
	j->categories = json_field(j->obj, "categories", json_array());
	j->spans = json_field(j->obj, "spans", json_array());
	j->confidence = json_field(j->obj, "confidence", json_real(0));
	j->explanation = json_field(j->obj, "explanation", json_string(""));
	j->lang = json_field(j->obj, "lang", json_string(""));
}

/* Set a string value; text that is not UTF-8 (the readers let none through) becomes "". */
static void
json_set_text(json_t *v, const char *s, size_t n)
{
	if (json_string_setn(v, s, n) != 0)
		json_string_set(v, "");
}

/* Refill an array with strings. */
static void
json_set_strings(json_t *a, const char *const *s, size_t n)
{
	size_t i;

	json_array_clear(a);
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(s[i]));
}

/* Write the line as one line of output. */
static void
put_json(struct out *o)
{
	const size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(3) | JSON_PRESERVE_ORDER;
	size_t n = json_dumpb(o->j.obj, o->buf, o->cap, flags);

	if (n + 1 > o->cap) {
		o->cap = (n + 1) * 2;
		o->buf = xrealloc(o->buf, o->cap);
		n = json_dumpb(o->j.obj, o->buf, o->cap, flags);
	}
	o->buf[n] = '\n';
	fwrite(o->buf, 1, n + 1, stdout);
}

/* Print one judged message, as JSON Lines or for people. */
static void
emit(struct out *o, int conversation, long line, const char *speaker, const char *text, size_t len,
     const char *lang, bool child)
{
	struct verdict v;
	const char *err = NULL;
	size_t i;

	if (!detector_message(o->det, speaker, text, len, lang, child, &v, &err)) {
		/* never a "none" for a message that was not judged: say so, with its line (the first few) */
		if (o->failed++ < 10)
			fprintf(stderr, _("%s:%ld: error: the detector could not judge this message: %s\n"),
				o->name, line, err ? err : "?");
		else if (o->failed == 11)
			fprintf(stderr, _("%s: error: more messages could not be judged\n"), o->name);
		return;
	}
	o->printed++;
	if (o->features) {
		printf("%d\t%ld\t%s\n", conversation, line, v.features ? v.features : "");
	} else if (o->json) {
		struct json_line *j = &o->j;
		if (j->obj == NULL)
			json_line_init(j);
		json_integer_set(j->conversation, conversation);
		json_integer_set(j->line, line);
		json_set_text(j->speaker, speaker, strlen(speaker));
		json_set_text(j->text, text, len);
		json_set_text(j->stage, stage_id(v.stage), strlen(stage_id(v.stage)));
		json_set_strings(j->signals, v.signals, v.nsignals);
		json_set_strings(j->categories, v.categories, v.ncategories);
		json_array_clear(j->spans);
		for (i = 0; i < v.nspans; i++)
			json_array_append_new(j->spans, json_pack("[II]", (json_int_t)v.spans[i].start,
								  (json_int_t)v.spans[i].end));
		json_real_set(j->confidence, v.confidence);
		json_set_text(j->explanation, v.explanation, strlen(v.explanation));
		json_set_text(j->lang, lang, strlen(lang));
		put_json(o);
	} else {
		printf("%5ld  %-13s %s: %.*s\n", line, stage_id(v.stage), speaker, (int)len, text);
		if (v.stage != STAGE_NONE) {
			printf("%5s  %.2f         ", "", v.confidence);
			for (i = 0; i < v.nspans; i++)
				printf("%s\"%.*s\"", i ? ", " : "", (int)(v.spans[i].end - v.spans[i].start),
				       text + v.spans[i].start);
			printf("%s%s\n", v.nspans ? " - " : "", v.explanation);
		}
	}
	verdict_free(&v);
}

struct pending {
	long line;
	char *speaker, *text;
	size_t len;
	bool child;
};

/* Is this speaker the child: marked by the transcript ("# child:"), named with --child (ASCII case
 * does not matter) or guessed for this conversation? */
static bool
is_child(const struct out *o, const char *guessed, const char *speaker, bool marked)
{
	return marked || (o->child != NULL && strcasecmp(o->child, speaker) == 0) ||
	       (guessed != NULL && strcmp(guessed, speaker) == 0);
}

/* The first of p[0..i] said by the same speaker as p[i]: one index per speaker. */
static size_t
first_of(const struct pending *p, size_t i)
{
	size_t j;

	for (j = 0; j < i && strcmp(p[j].speaker, p[i].speaker) != 0; j++)
		;
	return j;
}

/* Who is the child in a conversation's first messages, when nobody said: judge them once, take
 * the speaker with the most warning signs as the one to worry about, and the child as whoever
 * answers that speaker most often. NULL when nobody showed a sign (then it does not matter). */
static const char *
infer_child(struct out *o, struct pending *p, size_t n, const char *lang)
{
	size_t flagged[AUTO_LANG_MESSAGES] = {0}, answers[AUTO_LANG_MESSAGES] = {0};
	bool sign[AUTO_LANG_MESSAGES] = {false};
	size_t i, top = 0;
	const char *err;

	detector_reset(o->det);
	for (i = 0; i < n; i++) {
		struct verdict v;
		if (detector_message(o->det, p[i].speaker, p[i].text, p[i].len, lang, false, &v, &err)) {
			sign[i] = v.stage != STAGE_NONE;
			verdict_free(&v);
		}
	}
	detector_reset(o->det);
	/* flagged[i]: signs from the speaker of message i (counted at their first message) */
	for (i = 0; i < n; i++)
		flagged[first_of(p, i)] += sign[i];
	for (i = 1; i < n; i++)
		if (flagged[i] > flagged[top])
			top = i;
	if (flagged[top] == 0)
		return NULL;
	/* answers[i]: how often the speaker of message i speaks within 3 messages after a sign of top's */
	for (i = 0; i < n; i++) {
		if (!sign[i] || strcmp(p[i].speaker, p[top].speaker) != 0)
			continue;
		for (size_t k = i + 1; k < n && k <= i + 3; k++) {
			if (strcmp(p[k].speaker, p[top].speaker) == 0)
				continue;
			answers[first_of(p, k)]++;
			break;
		}
	}
	size_t best = n;
	for (i = 0; i < n; i++)
		if (answers[i] > 0 && (best == n || answers[i] > answers[best]))
			best = i;
	return best == n ? NULL : p[best].speaker;
}

/* Judge a held-back conversation start once its language is known; guess the child first when
 * neither the transcript nor --child named one. */
static void
flush(struct out *o, struct pending *p, size_t *n, int conversation, const char *lang, char **child)
{
	size_t i;
	bool named = o->child != NULL;

	for (i = 0; i < *n && !named; i++)
		named = p[i].child;
	if (!named && !o->features) {
		const char *c = infer_child(o, p, *n, lang);
		free(*child);
		*child = c ? xstrdup(c) : NULL;
		if (c != NULL && !o->json)
			printf(_("(conversation %d: taking %s as the child; say who with --child NAME)\n"),
			       conversation, c);
		else if (c != NULL)
			fprintf(stderr, _("waspada: conversation %d: taking %s as the child; say who with --child NAME\n"),
				conversation, c);
	}
	for (i = 0; i < *n; i++) {
		emit(o, conversation, p[i].line, p[i].speaker, p[i].text, p[i].len, lang,
		     is_child(o, *child, p[i].speaker, p[i].child));
		free(p[i].speaker);
		free(p[i].text);
	}
	*n = 0;
}

/* The language of the held-back messages. */
static const char *
guess(struct out *o, struct pending *p, size_t n)
{
	const char *texts[AUTO_LANG_MESSAGES];
	size_t i;

	for (i = 0; i < n; i++)
		texts[i] = p[i].text;
	return detector_guess_lang(o->det, texts, n);
}

/* Detect over a transcript stream. */
static int
detect_transcript(struct out *o, FILE *f, const char *name, const char *lang)
{
	struct transcript t;
	struct transcript_msg m;
	struct pending pend[AUTO_LANG_MESSAGES];
	size_t npend = 0;
	int conv = 0;
	const char *conv_lang = lang;
	bool automatic = strcmp(lang, "auto") == 0;
	char *child = NULL; /* the guessed child of this conversation */

	o->name = name;
	transcript_open(&t, f, name);
	while (transcript_next(&t, &m)) {
		if (m.conversation != conv) {
			if (npend > 0)
				flush(o, pend, &npend, conv, automatic ? guess(o, pend, npend) : lang, &child);
			conv = m.conversation;
			detector_reset(o->det);
			conv_lang = NULL;
			free(child);
			child = NULL;
		}
		if (conv_lang != NULL) {
			emit(o, conv, m.line, m.speaker, m.text, m.text_len, conv_lang,
			     is_child(o, child, m.speaker, m.child));
			continue;
		}
		pend[npend].line = m.line;
		pend[npend].speaker = xstrdup(m.speaker);
		pend[npend].text = xstrndup(m.text, m.text_len);
		pend[npend].len = m.text_len;
		pend[npend].child = m.child;
		if (++npend == AUTO_LANG_MESSAGES) {
			conv_lang = automatic ? guess(o, pend, npend) : lang;
			flush(o, pend, &npend, conv, conv_lang, &child);
		}
	}
	if (npend > 0)
		flush(o, pend, &npend, conv, automatic ? guess(o, pend, npend) : lang, &child);
	free(child);
	if (ferror(f)) {
		fprintf(stderr, _("%s: cannot read: %s\n"), name, strerror(errno));
		transcript_close(&t);
		return EXIT_USAGE;
	}
	if (o->failed > 0) {
		transcript_close(&t);
		return EXIT_USAGE;
	}
	if (t.usable == 0) {
		fprintf(stderr, "%s:1:1: error: %s\n", name,
			_("nothing to check: no \"SPEAKER: text\" lines were found"));
		transcript_close(&t);
		return EXIT_USAGE;
	}
	transcript_close(&t);
	return 0;
}

/* Detect over a scenario's messages, in file order, as one conversation. */
static int
detect_scenario(struct out *o, const struct scenario *s, const char *lang)
{
	size_t i, j;

	if (strcmp(lang, "auto") == 0)
		lang = s->lang;
	o->name = s->path;
	for (i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		if (st->kind == STEP_MESSAGE) {
			if (st->speaker != SPEAKER_SYSTEM)
				emit(o, 1, st->line, scenario_speaker_name(s, st->speaker), st->text,
				     strlen(st->text), lang, st->speaker == SPEAKER_PERSONA);
			continue;
		}
		for (j = 0; j < st->nchoices; j++)
			if (st->choices[j].text != NULL) /* an action alone is not a chat message */
				emit(o, 1, st->choices[j].line, s->persona.name, st->choices[j].text,
				     strlen(st->choices[j].text), lang, true);
	}
	return o->failed > 0 ? EXIT_USAGE : 0;
}

/* waspada detect [--json] [--lang id|en|auto] [--child NAME] [FILE|-]
 * (--features: what the model reads, one line a message, for `make train`) */
int
cmd_detect(int argc, char **argv)
{
	struct out o = {0};
	const char *lang = "auto", *file = "-";
	struct diags d = {0};
	struct scenario *s = NULL;
	int i, rc;
	bool have_file = false;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			o.json = true;
		else if (strcmp(argv[i], "--features") == 0)
			o.features = true;
		else if (strcmp(argv[i], "--child") == 0 && i + 1 < argc)
			o.child = argv[++i];
		else if (strncmp(argv[i], "--child=", 8) == 0)
			o.child = argv[i] + 8;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("detect", _("unknown option '%s'"), argv[i]);
		else if (have_file)
			return cmd_usage_error("detect", "%s", _("give one FILE (or - for standard input)"));
		else {
			file = argv[i];
			have_file = true;
		}
	}
	if (!i18n_known(lang) && strcmp(lang, "auto") != 0)
		return cmd_usage_error("detect", _("--lang must be id, en or auto, not '%s'"), lang);
	if (strcmp(file, "-") != 0 && catalog_is_scenario_file(file)) {
		s = scenario_load(file, &d);
		if (s == NULL) {
			diag_sort(&d);
			diag_print(&d, stderr);
			diag_clear(&d);
			return EXIT_USAGE;
		}
	}
	o.det = detector_open(s ? s->signals : NULL, file, &d);
	if (o.det == NULL) {
		diag_print(&d, stderr);
		diag_clear(&d);
		scenario_free(s);
		return EXIT_USAGE;
	}
	if (o.features)
		detector_keep_features(o.det);
	if (s != NULL) {
		detector_scenario_roles(o.det, s);
		rc = detect_scenario(&o, s, lang);
	} else if (strcmp(file, "-") == 0) {
		rc = detect_transcript(&o, stdin, "-", lang);
	} else {
		FILE *f = fopen(file, "rb");
		if (f == NULL) {
			fprintf(stderr, "%s:1:1: error: %s: %s\n", file, _("cannot open"), strerror(errno));
			rc = EXIT_USAGE;
		} else {
			rc = detect_transcript(&o, f, file, lang);
			fclose(f);
		}
	}
	detector_close(o.det);
	json_decref(o.j.obj);
	free(o.buf);
	scenario_free(s);
	diag_clear(&d);
	if (fflush(stdout) != 0)
		rc = EXIT_USAGE;
	return rc;
}
