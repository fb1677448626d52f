/* cmd-detect: `waspada detect`: run the stage detector over a transcript or a scenario. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yajl/yajl_gen.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "cmd.h"
#include "detect-view.h"
#include "detector.h"
#include "i18n.h"
#include "findings.h"
#include "import.h"
#include "ui.h"

/* How many messages of a conversation are read before deciding its language (--lang auto) and
 * who the child is (no --child): the first ones are judged twice when the child is guessed. */
#define AUTO_LANG_MESSAGES 40

struct out {
	bool json;
	bool features;   /* --features: what the model reads, for `make train` */
	struct findings *report; /* for a person (the default on a terminal, --report) */
	const char *child; /* --child NAME */
	struct detector *det;
	long printed;
	const char *name;  /* the input's name, for messages */
	const char *format; /* the export's format; NULL for a transcript or a scenario */
	long failed;       /* messages the detector could not judge */
	struct detect_view *view; /* the conversation `only` kept for the read-only chat screen */
	int only;          /* judge only this conversation (0: all) */
	yajl_gen g;      /* the JSON Lines writer, reset for every line */
};

/* Write a string value; text that is not UTF-8 (the readers let none through) becomes "". */
static void
json_str_value(yajl_gen g, const char *s, size_t n)
{
	if (yajl_gen_string(g, (const unsigned char *)s, n) == yajl_gen_invalid_string)
		yajl_gen_string(g, (const unsigned char *)"", 0);
}

/* Write a key and a string value. */
static void
json_str(yajl_gen g, const char *key, const char *s, size_t n)
{
	yajl_gen_string(g, (const unsigned char *)key, strlen(key));
	json_str_value(g, s, n);
}

/* A JSON Lines writer: UTF-8 checked, reset after every line. */
static yajl_gen
json_writer(void)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (g == NULL)
		fatal("out of memory");
	yajl_gen_config(g, yajl_gen_validate_utf8, 1);
	return g;
}

/* Write an export's "time" (ISO 8601, or null) and "format". */
static void
json_time_format(yajl_gen g, const char *time, const char *format)
{
	yajl_gen_string(g, (const unsigned char *)"time", 4);
	if (time != NULL)
		json_str_value(g, time, strlen(time));
	else
		yajl_gen_null(g);
	json_str(g, "format", format, strlen(format));
}

/* Close the line's object and write it with one fwrite. */
static void
json_line_end(yajl_gen g)
{
	const unsigned char *buf;
	size_t n;

	yajl_gen_map_close(g);
	yajl_gen_get_buf(g, &buf, &n);
	fwrite(buf, 1, n, stdout);
	putchar('\n');
	yajl_gen_clear(g);
	yajl_gen_reset(g, NULL);
}

/* Write a key and an array of strings. */
static void
json_strings(yajl_gen g, const char *key, const char *const *s, size_t n)
{
	yajl_gen_string(g, (const unsigned char *)key, strlen(key));
	yajl_gen_array_open(g);
	for (size_t i = 0; i < n; i++)
		if (yajl_gen_string(g, (const unsigned char *)s[i], strlen(s[i])) == yajl_gen_invalid_string)
			yajl_gen_string(g, (const unsigned char *)"", 0);
	yajl_gen_array_close(g);
}

/* Write one message's line in design.md's key order, with one fwrite. A streaming writer (yajl's)
 * rather than a tree of values (jansson's): writing the line was a fifth of `detect --json`'s time
 * (docs/performance.md). */
static void
put_json(struct out *o, int conversation, long line, const char *speaker, const char *text, size_t len,
	 const char *time, const struct verdict *v, const char *lang)
{
	yajl_gen g = o->g;
	size_t n, i;
	char num[32];

	if (g == NULL)
		g = o->g = json_writer();
	yajl_gen_map_open(g);
	yajl_gen_string(g, (const unsigned char *)"conversation", 12);
	yajl_gen_integer(g, conversation);
	yajl_gen_string(g, (const unsigned char *)"line", 4);
	yajl_gen_integer(g, line);
	json_str(g, "speaker", speaker, strlen(speaker));
	json_str(g, "text", text, len);
	json_str(g, "stage", stage_id(v->stage), strlen(stage_id(v->stage)));
	json_strings(g, "signals", v->signals, v->nsignals);
	json_strings(g, "categories", v->categories, v->ncategories);
	yajl_gen_string(g, (const unsigned char *)"spans", 5);
	yajl_gen_array_open(g);
	for (i = 0; i < v->nspans; i++) {
		yajl_gen_array_open(g);
		yajl_gen_integer(g, (long long)v->spans[i].start);
		yajl_gen_integer(g, (long long)v->spans[i].end);
		yajl_gen_array_close(g);
	}
	yajl_gen_array_close(g);
	/* three significant digits, always with a point (0.85, 1.0), as the contract has always had it */
	n = (size_t)snprintf(num, sizeof num, "%.3g", v->confidence);
	if (strpbrk(num, ".e") == NULL && n + 2 < sizeof num) {
		memcpy(num + n, ".0", 3);
		n += 2;
	}
	yajl_gen_string(g, (const unsigned char *)"confidence", 10);
	yajl_gen_number(g, num, n);
	json_str(g, "explanation", v->explanation, strlen(v->explanation));
	json_str(g, "lang", lang, strlen(lang));
	if (o->format != NULL) /* an export: its time (null where it has none) and format too */
		json_time_format(g, time, o->format);
	json_line_end(g);
}

/* Print one judged message, as JSON Lines or for people. */
static void
emit(struct out *o, int conversation, long line, const char *speaker, const char *text, size_t len,
     const char *time, const char *lang, bool child)
{
	struct verdict v;
	const char *err = NULL;
	size_t i;

	if (!detector_message(o->det, speaker, text, len, lang, child, &v, &err)) {
		/* never a "none" for a message that was not judged: say so, with its line (the first few) */
		if (o->failed++ < 10) {
			/* (the reason may quote the message: cleaned like every text for a terminal) */
			char *msg = xasprintf(_("%s:%ld: error: the detector could not judge this message: %s\n"),
					      o->name, line, err ? err : "?");
			util_put_clean(stderr, msg, strlen(msg), true);
			free(msg);
		}
		else if (o->failed == 11)
			fprintf(stderr, _("%s: error: more messages could not be judged\n"), o->name);
		return;
	}
	o->printed++;
	if (o->view != NULL) {
		detect_view_add(o->view, line, time, speaker, text, len, child, &v);
	} else if (o->report != NULL) {
		findings_add(o->report, conversation, line, time, speaker, text, len, &v);
	} else if (o->features) {
		printf("%d\t%ld\t%s\n", conversation, line, v.features ? v.features : "");
	} else if (o->json) {
		put_json(o, conversation, line, speaker, text, len, time, &v, lang);
	} else {
		/* A chat's own words go out cleaned: an OSC 52 or CSI sequence in a message must
		 * not write the clipboard or clear the screen of whoever reads the output. */
		printf("%5ld  %-13s ", line, stage_id(v.stage));
		util_put_clean(stdout, speaker, strlen(speaker), false);
		fputs(": ", stdout);
		util_put_clean(stdout, text, len, false);
		putchar('\n');
		if (v.stage != STAGE_NONE) {
			printf("%5s  %.2f         ", "", v.confidence);
			for (i = 0; i < v.nspans; i++) {
				fputs(i ? ", \"" : "\"", stdout);
				util_put_clean(stdout, text + v.spans[i].start,
					       v.spans[i].end - v.spans[i].start, false);
				putchar('"');
			}
			fputs(v.nspans ? " - " : "", stdout);
			util_put_clean(stdout, v.explanation, strlen(v.explanation), false);
			putchar('\n');
		}
	}
	verdict_free(&v);
}

struct pending {
	long line;
	char *speaker, *text, *time;
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
		if (o->report != NULL)
			findings_child(o->report, conversation, c);
		else if (o->view != NULL)
			; /* the report before the chat screen said whom it took */
		else if (c != NULL && !o->json)
			printf(_("(conversation %d: taking %s as the child; say who with --child NAME)\n"),
			       conversation, c);
		else if (c != NULL)
			fprintf(stderr, _("waspada: conversation %d: taking %s as the child; say who with --child NAME\n"),
				conversation, c);
	}
	for (i = 0; i < *n; i++) {
		emit(o, conversation, p[i].line, p[i].speaker, p[i].text, p[i].len, p[i].time, lang,
		     is_child(o, *child, p[i].speaker, p[i].child));
		free(p[i].speaker);
		free(p[i].text);
		free(p[i].time);
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

/* Print the messages as read, without judging them (--messages): what an export gave. */
static int
list_messages(struct importer *im)
{
	struct import_msg m;
	yajl_gen g = json_writer();

	while (import_next(im, &m)) {
		yajl_gen_map_open(g);
		yajl_gen_string(g, (const unsigned char *)"conversation", 12);
		yajl_gen_integer(g, m.conversation);
		yajl_gen_string(g, (const unsigned char *)"line", 4);
		yajl_gen_integer(g, m.line);
		json_str(g, "speaker", m.speaker, strlen(m.speaker));
		json_str(g, "text", m.text, m.text_len);
		json_time_format(g, m.time, import_format(im));
		json_line_end(g);
	}
	yajl_gen_free(g);
	return import_failed(im) ? EXIT_USAGE : 0;
}

/* Detect over a chat: a transcript or an export, message by message. */
static int
detect_import(struct out *o, struct importer *im, const char *name, const char *lang)
{
	struct import_msg m;
	struct pending pend[AUTO_LANG_MESSAGES];
	size_t npend = 0;
	int conv = 0;
	const char *conv_lang = lang;
	bool automatic = strcmp(lang, "auto") == 0;
	char *child = NULL; /* the guessed child of this conversation */

	o->name = name;
	if (strcmp(import_format(im), "transcript") != 0)
		o->format = import_format(im);
	while (import_next(im, &m)) {
		if (o->only > 0 && m.conversation != o->only) {
			if (m.conversation > o->only)
				break; /* conversations come in order: the one to show is over */
			continue;
		}
		if (m.conversation != conv) {
			if (npend > 0)
				flush(o, pend, &npend, conv, automatic ? guess(o, pend, npend) : lang, &child);
			conv = m.conversation;
			if (o->report != NULL && m.chat != NULL)
				findings_chat(o->report, conv, m.chat);
			if (o->view != NULL && m.chat != NULL)
				detect_view_chat(o->view, m.chat);
			detector_reset(o->det);
			conv_lang = NULL;
			free(child);
			child = NULL;
		}
		if (conv_lang != NULL) {
			emit(o, conv, m.line, m.speaker, m.text, m.text_len, m.time, conv_lang,
			     is_child(o, child, m.speaker, m.child));
			continue;
		}
		pend[npend].line = m.line;
		pend[npend].speaker = xstrdup(m.speaker);
		pend[npend].text = xstrndup(m.text, m.text_len);
		pend[npend].time = m.time ? xstrdup(m.time) : NULL;
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
	if (import_failed(im)) {
		if (!import_stats(im)->failed)
			fprintf(stderr, _("%s: cannot read: %s\n"), name, strerror(errno));
		return EXIT_USAGE;
	}
	if (o->failed > 0)
		return EXIT_USAGE;
	if (import_stats(im)->usable == 0) {
		if (o->format == NULL) {
			fprintf(stderr, "%s:1:1: error: %s\n", name,
				_("nothing to check: no \"SPEAKER: text\" lines were found"));
			fprintf(stderr, "%s\n", _("waspada: it is not a chat export waspada knows either; the formats it reads:"));
			import_list_formats(stderr);
		} else {
			fprintf(stderr, "%s:1:1: error: %s\n", name,
				_("nothing to check: this export has no messages to read (only media or system lines)"));
		}
		return EXIT_USAGE;
	}
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
				     strlen(st->text), NULL, lang, st->speaker == SPEAKER_PERSONA);
			continue;
		}
		for (j = 0; j < st->nchoices; j++)
			if (st->choices[j].text != NULL) /* an action alone is not a chat message */
				emit(o, 1, st->choices[j].line, s->persona.name, st->choices[j].text,
				     strlen(st->choices[j].text), NULL, lang, true);
	}
	return o->failed > 0 ? EXIT_USAGE : 0;
}

/* Read conversation conv of file again (its warnings were shown the first time), judged as the
 * report judged it, and show it read-only in the chat screen. */
static int
view_pass(struct out *first, const char *file, const char *format, const char *lang, int conv)
{
	struct out o = {.det = first->det, .child = first->child, .only = conv};
	struct importer *im;
	int rc;

	printf(_("Opening conversation %d in the chat screen\xe2\x80\xa6\n"), conv);
	fflush(stdout);
	import_quiet(true);
	im = import_open(file, format);
	if (im == NULL) {
		import_quiet(false);
		return EXIT_USAGE;
	}
	o.view = detect_view_new(conv);
	rc = detect_import(&o, im, file, lang);
	import_close(im);
	import_quiet(false);
	if (rc == 0 && o.view->n == 0) {
		fprintf(stderr, _("waspada: conversation %d has no messages to show\n"), conv);
		rc = EXIT_USAGE;
	} else if (rc == 0) {
		int shown = ui_curses_view(o.view, o.det);
		if (shown < 0) {
			fprintf(stderr, "waspada: %s\n", _("this terminal cannot show the chat screen (see TERM)"));
			rc = EXIT_USAGE;
		} else if (shown > 0) {
			rc = 1; /* a signal ended it, as it ends a lesson */
		}
	}
	detect_view_free(o.view);
	if (o.g != NULL)
		yajl_gen_free(o.g);
	return rc;
}

/* Ask which conversation to open (one line from the terminal): its number, 0 to skip. Enter,
 * q, n or the end of input skip; y takes the one with the most signs. */
static int
ask_view(int conversations, int worst)
{
	char line[64];
	int tries;

	for (tries = 0; tries < 3; tries++) {
		char *end;
		long n;
		size_t len;
		/* two short lines: the offer, then what to type */
		if (conversations == 1)
			printf("\n%s\n%s ", _("See the chat itself, with the warning signs highlighted? (read only)"),
			       _("Type y and Enter to open it, or just Enter to skip:"));
		else {
			printf("\n%s\n", _("See a conversation itself, with the warning signs highlighted? (read only)"));
			printf(_("Type its number (1-%d; %d has the most signs) and Enter, or just Enter to skip: "),
			       conversations, worst);
		}
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL)
			return 0;
		len = strlen(line);
		if (len > 0 && line[len - 1] != '\n') { /* a long line: the rest is not an answer */
			int ch;
			while ((ch = getchar()) != EOF && ch != '\n')
				;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || strchr("qQnNtT", line[0]) != NULL)
			return 0;
		if (strchr("yYjJ", line[0]) != NULL) /* yes, ya, ja */
			return worst > 0 ? worst : 1;
		n = strtol(line, &end, 10);
		if (end != line && *end == '\0' && n >= 1 && n <= conversations)
			return (int)n;
		printf(_("Please type a number from 1 to %d, or just Enter to skip.\n"), conversations);
	}
	return 0;
}

/* After the report: offer the chat screen (view 0), open it at once (--view), or not at all. */
static int
offer_view(struct out *o, const char *file, const char *format, const char *lang, int view, int conv)
{
	int total = findings_conversations(o->report), worst = findings_worst(o->report);
	struct stat st;

	if (view < 0 || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || strcmp(file, "-") == 0)
		return 0;
	/* read twice: a file or a folder, never a pipe (a FIFO would wait for a writer forever) */
	if (stat(file, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
		if (view == 0)
			return 0;
		fprintf(stderr, "waspada: %s\n", _("--view needs a file it can read again, not a pipe"));
		return EXIT_USAGE;
	}
	if (!ui_curses_usable()) { /* TERM=dumb, unknown: the report is all it can show */
		if (view == 0)
			return 0;
		fprintf(stderr, "waspada: %s\n", _("this terminal cannot show the chat screen (see TERM)"));
		return EXIT_USAGE;
	}
	if (view == 0) {
		if (worst == 0)
			return 0; /* no sign to show: the report said so */
		conv = ask_view(total, worst);
		if (conv == 0)
			return 0;
	} else if (conv == 0) {
		conv = worst > 0 ? worst : 1;
	}
	if (conv > total) {
		fprintf(stderr, _("waspada: there is no conversation %d (the last is %d)\n"), conv, total);
		return EXIT_USAGE;
	}
	return view_pass(o, file, format, lang, conv);
}

/* waspada detect [--json|--report] [--lang id|en|auto] [--child NAME] [--format NAME] [--messages]
 *                [--view[=N]|--no-view] [FILE|-]
 * (--features: what the model reads, one line a message, for `make train`) */
static int
cmd_detect(int argc, char **argv, const char *lang_given)
{
	struct out o = {0};
	const char *lang = lang_given ? lang_given : "auto", *file = "-", *format = NULL;
	struct importer *im = NULL;
	bool messages = false, report = false;
	struct diags d = {0};
	struct scenario *s = NULL;
	int i, rc, view = 0, view_conv = 0; /* view: 0 offer, 1 --view, -1 --no-view */
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
		else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (strncmp(argv[i], "--format=", 9) == 0)
			format = argv[i] + 9;
		else if (strcmp(argv[i], "--messages") == 0)
			messages = true;
		else if (strcmp(argv[i], "--report") == 0)
			report = true;
		else if (strcmp(argv[i], "--no-view") == 0)
			view = -1;
		else if (strcmp(argv[i], "--view") == 0 || strncmp(argv[i], "--view=", 7) == 0) {
			char *end = argv[i] + 7;
			view = 1;
			if (argv[i][6] == '=' && ((view_conv = (int)strtol(argv[i] + 7, &end, 10)) < 1 || *end != '\0'))
				return cmd_usage_error("detect", _("--view=N takes a conversation's number, not '%s'"),
						       argv[i] + 7);
		}
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("detect", _("unknown option '%s'"), argv[i]);
		else if (have_file)
			return cmd_usage_error("detect", "%s", _("give one FILE (or - for standard input)"));
		else {
			file = argv[i];
			have_file = true;
		}
	}
	if (view > 0 && (o.json || o.features || messages || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
			 strcmp(file, "-") == 0 || catalog_is_scenario_file(file)))
		return cmd_usage_error("detect", "%s", _("--view opens a chat FILE in the chat screen: it needs "
							 "a terminal, and goes with neither --json nor --messages"));
	if (format != NULL && !import_known_format(format)) {
		cmd_usage_error("detect", _("no format '%s'; the formats:"), format);
		import_list_formats(stderr);
		return EXIT_USAGE;
	}
	if (messages || format != NULL || strcmp(file, "-") == 0 || !catalog_is_scenario_file(file)) {
		im = import_open(file, format);
		if (im == NULL)
			return EXIT_USAGE;
		if (messages) {
			rc = list_messages(im);
			import_close(im);
			return fflush(stdout) != 0 ? EXIT_USAGE : rc;
		}
	}
	if (im == NULL && catalog_is_scenario_file(file)) {
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
		import_close(im);
		return EXIT_USAGE;
	}
	if (o.features)
		detector_keep_features(o.det);
	/* a person at a terminal gets the report; a pipe gets one line a message, as before */
	if (!o.json && !o.features && (report || isatty(STDOUT_FILENO)))
		o.report = findings_new(stdout, o.det, i18n_lang(), file,
					im != NULL && strcmp(import_format(im), "transcript") != 0 ? import_format(im) : NULL);
	if (s != NULL) {
		detector_scenario_roles(o.det, s);
		rc = detect_scenario(&o, s, lang);
		if (o.report != NULL && rc == 0)
			findings_finish(o.report, 0);
	} else {
		rc = detect_import(&o, im, file, lang);
		if (o.report != NULL && rc == 0)
			findings_finish(o.report, import_stats(im)->left_out);
		import_close(im);
		if (o.report != NULL && rc == 0)
			rc = offer_view(&o, file, format, lang, view, view_conv);
	}
	findings_free(o.report);
	detector_close(o.det);
	if (o.g != NULL)
		yajl_gen_free(o.g);
	scenario_free(s);
	diag_clear(&d);
	if (fflush(stdout) != 0)
		rc = EXIT_USAGE;
	return rc;
}

const struct cmd_entry cmd_detect_entry = {
	"detect",
	"waspada detect [--report|--json|--messages] [--lang id|en|auto] [--child NAME] [--format NAME]\n"
	"                    [--view[=N]|--no-view] [FILE|DIR|-]",
	N_("Run the stage detector on a chat: a transcript (lines of \"SPEAKER: text\"; an empty line "
	   "starts a new conversation), a chat app's export (WhatsApp .txt or .zip, Telegram "
	   "result.json, DiscordChatExporter JSON/CSV/TXT, Instagram/Messenger JSON or their folder, "
	   "LINE .txt; recognised from the content, --format forces one) or a scenario file. On a "
	   "terminal it tells you what it found and what to do (--report elsewhere); otherwise one line "
	   "per message, --json one JSON object per message, --messages the messages as read, not "
	   "judged. --child says which speaker is the child (whose own lines are never flagged); "
	   "without it the child is guessed, and the output says whom it took. After the report on a "
	   "terminal it offers to open a conversation read-only in the chat screen, the warning signs "
	   "highlighted; --view[=N] opens it (N, else the most worrying one) without asking, --no-view "
	   "never asks."),
	cmd_detect, CMD_LANG_AUTO,
};
