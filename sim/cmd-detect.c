/* cmd-detect: `waspada detect`: run the stage detector over a transcript or a scenario. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "detector.h"
#include "i18n.h"
#include "transcript.h"

/* How many messages of a conversation --lang auto reads before deciding its language. */
#define AUTO_LANG_MESSAGES 40

/* One JSON line's values, made once and updated in place for every message: building a fresh
 * object per message was a third of `detect --json`'s time. */
struct json_line {
	json_t *obj, *conversation, *line, *speaker, *text, *stage, *signals, *categories, *spans,
		*confidence, *explanation, *lang;
};

struct out {
	bool json;
	struct detector *det;
	long printed;
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

	if (!detector_message(o->det, speaker, text, len, lang, child, &v, &err))
		fprintf(stderr, "waspada: %s\n", err ? err : "detector error");
	o->printed++;
	if (o->json) {
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

/* Judge a held-back conversation start once its language is known. */
static void
flush(struct out *o, struct pending *p, size_t *n, int conversation, const char *lang)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		emit(o, conversation, p[i].line, p[i].speaker, p[i].text, p[i].len, lang, p[i].child);
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

	transcript_open(&t, f, name);
	while (transcript_next(&t, &m)) {
		if (m.conversation != conv) {
			if (npend > 0)
				flush(o, pend, &npend, conv, guess(o, pend, npend));
			conv = m.conversation;
			detector_reset(o->det);
			conv_lang = automatic ? NULL : lang;
		}
		if (conv_lang != NULL) {
			emit(o, conv, m.line, m.speaker, m.text, m.text_len, conv_lang, m.child);
			continue;
		}
		pend[npend].line = m.line;
		pend[npend].speaker = xstrdup(m.speaker);
		pend[npend].text = xstrndup(m.text, m.text_len);
		pend[npend].len = m.text_len;
		pend[npend].child = m.child;
		if (++npend == AUTO_LANG_MESSAGES) {
			conv_lang = guess(o, pend, npend);
			flush(o, pend, &npend, conv, conv_lang);
		}
	}
	if (npend > 0)
		flush(o, pend, &npend, conv, guess(o, pend, npend));
	if (ferror(f)) {
		fprintf(stderr, _("%s: cannot read: %s\n"), name, strerror(errno));
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
	for (i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		if (st->kind == STEP_MESSAGE) {
			if (st->speaker != SPEAKER_SYSTEM)
				emit(o, 1, st->line, scenario_speaker_name(s, st->speaker), st->text,
				     strlen(st->text), lang, st->speaker == SPEAKER_PERSONA);
			continue;
		}
		for (j = 0; j < st->nchoices; j++)
			emit(o, 1, st->choices[j].line, s->persona.name, st->choices[j].text,
			     strlen(st->choices[j].text), lang, true);
	}
	return 0;
}

/* waspada detect [--json] [--lang id|en|auto] [FILE|-] */
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
	if (s != NULL) {
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
