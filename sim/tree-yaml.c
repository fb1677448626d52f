/* tree-yaml: libyaml's event stream into a located tree, with every size bounded. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "i18n.h"
#include "tree.h"

struct anchor {
	char *name;
	struct tree *node;
};

struct loader {
	struct arena *a;
	const char *name;
	const char *text;
	size_t len;                  /* (the text is not NUL-terminated) */
	struct diags *d;
	yaml_parser_t parser;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t nodes, aliases;
	bool failed;
};

/* Name of a node kind, for "expected a map, found a list" messages. */
const char *
tree_kind_name(enum tree_kind k)
{
	switch (k) {
	case TREE_SCALAR: return _("a single value");
	case TREE_SEQ: return _("a list");
	default: return _("a map");
	}
}

/* The value of key in map, or NULL. */
struct tree *
tree_get(const struct tree *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != TREE_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->items[2 * i]->str, key) == 0)
			return map->items[2 * i + 1];
	return NULL;
}

/* Report a problem at a libyaml mark (0-based) and stop loading. */
static void
loader_error(struct loader *l, yaml_mark_t m, const char *code, const char *msg)
{
	if (!l->failed)
		diag_add(l->d, l->name, (int)m.line + 1, (int)m.column + 1, DIAG_ERROR, code, "%s", msg);
	l->failed = true;
}

/* Find the line and column of a byte offset, for problems libyaml reports by offset. */
static void
offset_position(const char *text, size_t off, int *line, int *col)
{
	size_t i, bol = 0;

	*line = 1;
	for (i = 0; i < off; i++)
		if (text[i] == '\n') {
			(*line)++;
			bol = i + 1;
		}
	/* Columns count characters, not bytes, as editors do. */
	*col = 1;
	for (i = bol; i < off; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			(*col)++;
}

/* A quote left open pairs with the next line's quote, and libyaml complains lines later about
 * something else. Look back from the problem's line (at most 50 lines) for a line with an odd
 * number of double quotes: that is where the fix goes. NULL when there is none. */
static char *
unclosed_quote(const char *text, size_t len, yaml_mark_t *m)
{
	const char *line = text, *end = text + len, *s;
	size_t want = m->line, best = (size_t)-1, col = 0, i;

	if (text == NULL)
		return NULL;
	for (i = 0; i <= want && line < end; i++) {
		size_t quotes = 0, last = 0, chars = 0;
		for (s = line; s < end && *s != '\n'; chars += ((unsigned char)*s & 0xc0) != 0x80, s++)
			if (*s == '"' && (s == line || s[-1] != '\\'))
				quotes++, last = chars;
			else if (*s == '#' && quotes % 2 == 0 && (s == line || s[-1] == ' '))
				break; /* a comment */
		if (quotes % 2 == 1 && i < want && want - i <= 50)
			best = i, col = last; /* the line's last quote: the one left open */
		s = memchr(s, '\n', (size_t)(end - s));
		line = s != NULL ? s + 1 : end;
	}
	if (best == (size_t)-1)
		return NULL;
	m->line = best;
	m->column = col; /* in characters, as every diagnostic counts them */
	return xasprintf(_("YAML syntax: a quote on this line is never closed, so the text runs on to "
			   "line %d; add the closing quote"), (int)want + 1);
}

/* libyaml's commonest complaints in the learner's language, at the place that needs the fix
 * (an unclosed quote where it opens, not at the end of the file); NULL for the others. */
static char *
yaml_words(const yaml_parser_t *p, yaml_mark_t *m)
{
	const char *problem = p->problem ? p->problem : "", *context = p->context ? p->context : "";

	if (strstr(context, "quoted scalar") != NULL) {
		*m = p->context_mark;
		return xasprintf("%s", _("YAML syntax: this quote is never closed; add the closing quote "
					 "at the end of the text (a quote inside the text needs a \\ before "
					 "it)"));
	}
	if (strstr(problem, "mapping values are not allowed") != NULL)
		return xasprintf("%s", _("YAML syntax: a ':' where a value cannot start; put text that "
					 "holds ': ' in quotes"));
	if (strstr(problem, "cannot start any token") != NULL)
		return xasprintf("%s", _("YAML syntax: a character that cannot start a value here (a tab? "
					 "indent with spaces; text starting with @ or ` goes in quotes)"));
	if (strstr(problem, "did not find expected key") != NULL)
		return xasprintf(_("YAML syntax: this line does not line up with the keys of the block "
				   "that starts on line %d; check its indentation"),
				 (int)p->context_mark.line + 1);
	if (strstr(problem, "did not find expected '-' indicator") != NULL)
		return xasprintf(_("YAML syntax: this line does not line up with the list that starts on "
				   "line %d; check its indentation"), (int)p->context_mark.line + 1);
	return NULL;
}

/* Turn libyaml's parser error into our words; never show its raw codes. */
static void
loader_parser_error(struct loader *l)
{
	yaml_parser_t *p = &l->parser;
	yaml_mark_t m = p->problem_mark;
	const char *problem = p->problem ? p->problem : "";
	char *msg;

	if (p->error == YAML_READER_ERROR) {
		/* The reader reports a byte offset, not a line. */
		int line, col;
		offset_position(l->text, p->problem_offset, &line, &col);
		m.line = (size_t)line - 1;
		m.column = (size_t)col - 1;
		if (strstr(problem, "UTF-8") != NULL || strstr(problem, "utf-8") != NULL ||
		    strstr(problem, "octet") != NULL || strstr(problem, "character") != NULL) {
			l->failed = true;
			return; /* the caller's UTF-8 scan has already located it */
		}
		msg = xasprintf(_("cannot read the text: %s"), problem);
	} else if ((msg = unclosed_quote(l->text, l->len, &m)) != NULL || (msg = yaml_words(p, &m)) != NULL) {
		/* in our words, at the real cause */
	} else if (p->context != NULL) {
		msg = xasprintf(_("YAML syntax: %s (%s that starts on line %d)"), problem, p->context,
				(int)p->context_mark.line + 1);
	} else {
		msg = xasprintf(_("YAML syntax: %s"), problem);
	}
	loader_error(l, m, D_SYNTAX, msg);
	free(msg);
}

/* A new node at the event's start position. */
static struct tree *
loader_node(struct loader *l, enum tree_kind kind, yaml_mark_t m)
{
	struct tree *t;

	if (++l->nodes > TREE_MAX_NODES) {
		loader_error(l, m, D_LIMIT, _("too many values in one file (the limit is 200000)"));
		return NULL;
	}
	t = arena_alloc(l->a, sizeof(*t));
	t->kind = kind;
	t->line = (int)m.line + 1;
	t->col = (int)m.column + 1;
	return t;
}

/* Deep-copy an anchored node for an alias, counting every copied node against the limit. */
static struct tree *
loader_copy(struct loader *l, const struct tree *src, yaml_mark_t m)
{
	struct tree *t = loader_node(l, src->kind, m);
	size_t i, n;

	if (t == NULL)
		return NULL;
	*t = *src;
	t->line = (int)m.line + 1;
	t->col = (int)m.column + 1;
	n = src->kind == TREE_MAP ? 2 * src->n : src->kind == TREE_SEQ ? src->n : 0;
	if (n > 0) {
		t->items = arena_alloc(l->a, n * sizeof(*t->items));
		for (i = 0; i < n; i++)
			if ((t->items[i] = loader_copy(l, src->items[i], m)) == NULL)
				return NULL;
	}
	return t;
}

/* Remember an anchor's node (a later anchor of the same name replaces it, as YAML says). */
static void
loader_anchor(struct loader *l, const yaml_char_t *name, struct tree *t)
{
	if (name == NULL || t == NULL)
		return;
	GROW(l->anchors, l->capanchors, l->nanchors + 1);
	l->anchors[l->nanchors].name = xstrdup((const char *)name);
	l->anchors[l->nanchors].node = t;
	l->nanchors++;
}

/* Next event from libyaml, or false after reporting its error. */
static bool
loader_next(struct loader *l, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&l->parser, ev)) {
		loader_parser_error(l);
		return false;
	}
	return true;
}

static struct tree *loader_value(struct loader *l, yaml_event_t *ev, int depth);

/* Append to a growing item array. */
static void
push_item(struct arena *a, struct tree ***items, size_t *n, size_t *cap, struct tree *t)
{
	if (*n == *cap) {
		size_t ncap = util_grow_cap(*cap, *n + 1, sizeof(struct tree *));
		struct tree **v = arena_alloc(a, ncap * sizeof(*v));
		if (*n > 0)
			memcpy(v, *items, *n * sizeof(*v));
		*items = v;
		*cap = ncap;
	}
	(*items)[(*n)++] = t;
}

/* The keys of one map seen so far, hashed, so the duplicate check is linear in the map
 * (comparing every key with every other took 18 s on an 800 KB file). slot[i] is a key's
 * position in the map's items plus one; 0 is empty. */
struct keyset {
	size_t *slot, cap, n;
};

/* Add the key at items[pos]; returns the position of an equal key already there, or -1. */
static long
keyset_add(struct keyset *ks, struct tree **items, size_t pos)
{
	size_t i, h;

	if (2 * (ks->n + 1) > ks->cap) {
		struct keyset bigger = {xcalloc(ks->cap ? 2 * ks->cap : 16, sizeof(size_t)),
					ks->cap ? 2 * ks->cap : 16, 0};
		for (i = 0; i < ks->cap; i++)
			if (ks->slot[i] != 0)
				keyset_add(&bigger, items, ks->slot[i] - 1);
		free(ks->slot);
		*ks = bigger;
	}
	for (h = util_hash(items[pos]->str) & (ks->cap - 1);; h = (h + 1) & (ks->cap - 1)) {
		if (ks->slot[h] == 0) {
			ks->slot[h] = pos + 1;
			ks->n++;
			return -1;
		}
		if (strcmp(items[ks->slot[h] - 1]->str, items[pos]->str) == 0)
			return (long)(ks->slot[h] - 1);
	}
}

/* Read a sequence or mapping's children until its end event. */
static struct tree *
loader_collection(struct loader *l, yaml_event_t *start, int depth)
{
	bool map = start->type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	struct tree *t = loader_node(l, map ? TREE_MAP : TREE_SEQ, start->start_mark);
	size_t n = 0, cap = 0;
	struct keyset keys = {NULL, 0, 0};
	const yaml_char_t *anchor = map ? start->data.mapping_start.anchor
					: start->data.sequence_start.anchor;
	char *anchor_name = anchor ? xstrdup((const char *)anchor) : NULL;

	if (t == NULL) {
		free(anchor_name);
		return NULL;
	}
	if (depth > TREE_MAX_DEPTH) {
		loader_error(l, start->start_mark, D_LIMIT, _("nested too deeply (the limit is 64 levels)"));
		free(anchor_name);
		return NULL;
	}
	for (;;) {
		yaml_event_t ev;
		struct tree *child;

		if (!loader_next(l, &ev))
			break;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			t->n = map ? n / 2 : n;
			loader_anchor(l, (const yaml_char_t *)anchor_name, t);
			free(anchor_name);
			free(keys.slot);
			return t;
		}
		child = loader_value(l, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (child == NULL)
			break;
		if (map && n % 2 == 0 && child->kind != TREE_SCALAR) {
			diag_add(l->d, l->name, child->line, child->col, DIAG_ERROR, D_TYPE, "%s",
				 _("a key must be a single word or value, not a list or map"));
			l->failed = true;
			break;
		}
		push_item(l->a, &t->items, &n, &cap, child);
		if (map && n % 2 == 1) {
			long first = keyset_add(&keys, t->items, n - 1);
			if (first >= 0)
				diag_add(l->d, l->name, child->line, child->col, DIAG_ERROR, D_DUP_KEY,
					 _("'%s' is given twice here (first on line %d)"), child->str,
					 t->items[first]->line);
		}
	}
	free(anchor_name);
	free(keys.slot);
	return NULL;
}

/* Build the node an event starts (scalar, alias, sequence or mapping). */
static struct tree *
loader_value(struct loader *l, yaml_event_t *ev, int depth)
{
	struct tree *t;
	size_t i;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.length > TREE_MAX_SCALAR) {
			loader_error(l, ev->start_mark, D_TOO_BIG,
				     _("this text is too long (the limit is 64 KiB)"));
			return NULL;
		}
		t = loader_node(l, TREE_SCALAR, ev->start_mark);
		if (t == NULL)
			return NULL;
		t->str = arena_strndup(l->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
		t->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		loader_anchor(l, ev->data.scalar.anchor, t);
		return t;
	case YAML_ALIAS_EVENT:
		if (++l->aliases > TREE_MAX_ALIASES) {
			loader_error(l, ev->start_mark, D_LIMIT, _("too many aliases (the limit is 1000)"));
			return NULL;
		}
		/* Search newest first: an anchor may be redefined. An anchor still being read (a
		 * self-reference such as &a [*a]) is not registered yet, so it is "unknown" here. */
		for (i = l->nanchors; i-- > 0;)
			if (strcmp(l->anchors[i].name, (const char *)ev->data.alias.anchor) == 0)
				return loader_copy(l, l->anchors[i].node, ev->start_mark);
		{
			char *msg = xasprintf(_("the alias *%s refers to no anchor before it"),
					      (const char *)ev->data.alias.anchor);
			loader_error(l, ev->start_mark, D_SYNTAX, msg);
			free(msg);
		}
		return NULL;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return loader_collection(l, ev, depth);
	default:
		loader_error(l, ev->start_mark, D_SYNTAX, _("YAML syntax: unexpected structure"));
		return NULL;
	}
}

/* Parse YAML text into a tree; one document only. */
struct tree *
tree_parse_yaml(struct arena *a, const char *name, const char *text, size_t len, struct diags *d)
{
	struct loader l = {.a = a, .name = name, .text = text, .len = len, .d = d};
	struct tree *root = NULL;
	yaml_event_t ev;
	size_t valid, i;
	int line, col;

	valid = utf8_valid_prefix(text, len);
	if (valid < len) {
		offset_position(text, valid, &line, &col);
		diag_add(d, name, line, col, DIAG_ERROR, D_UTF8, "%s",
			 _("this is not valid UTF-8 text; save the file as UTF-8"));
		return NULL;
	}
	if (memchr(text, '\0', len) != NULL) {
		offset_position(text, (size_t)((const char *)memchr(text, '\0', len) - text), &line, &col);
		diag_add(d, name, line, col, DIAG_ERROR, D_UTF8, "%s",
			 _("the file contains a NUL byte; is it a text file?"));
		return NULL;
	}
	/* A byte-order mark is allowed once, at the start; a second one (a file saved twice by an
	 * editor that adds one) would become part of the first key, reported somewhere else. */
	if (len >= 6 && memcmp(text, "\xef\xbb\xbf\xef\xbb\xbf", 6) == 0) {
		diag_add(d, name, 1, 1, DIAG_ERROR, D_UTF8, "%s",
			 _("the file starts with two byte-order marks; save it again as UTF-8 with one "
			   "or none"));
		return NULL;
	}
	if (!yaml_parser_initialize(&l.parser))
		fatal("out of memory");
	yaml_parser_set_input_string(&l.parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&l.parser, YAML_UTF8_ENCODING);

	/* STREAM-START, DOCUMENT-START, the root value, DOCUMENT-END, then nothing but STREAM-END. */
	if (!loader_next(&l, &ev))
		goto out;
	yaml_event_delete(&ev);
	if (!loader_next(&l, &ev))
		goto out;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		diag_add(d, name, 1, 1, DIAG_ERROR, D_MISSING, "%s", _("the file is empty"));
		goto out;
	}
	yaml_event_delete(&ev);
	if (!loader_next(&l, &ev))
		goto out;
	root = loader_value(&l, &ev, 0);
	yaml_event_delete(&ev);
	if (root == NULL)
		goto out;
	if (!loader_next(&l, &ev)) {
		root = NULL;
		goto out;
	}
	yaml_event_delete(&ev);
	if (!loader_next(&l, &ev)) {
		root = NULL;
		goto out;
	}
	if (ev.type != YAML_STREAM_END_EVENT) {
		loader_error(&l, ev.start_mark, D_SYNTAX,
			     _("only one document per file: remove the second '---'"));
		root = NULL;
	}
	yaml_event_delete(&ev);
out:
	if (l.failed)
		root = NULL;
	yaml_parser_delete(&l.parser);
	for (i = 0; i < l.nanchors; i++)
		free(l.anchors[i].name);
	free(l.anchors);
	return root;
}

/* Read a source file (scenario, lexicon) within the size limit; a missing or oversized file is
 * reported with its name. */
char *
tree_read_source(const char *path, size_t *len, struct diags *d)
{
	char *text = read_file(path, TREE_MAX_FILE, len);

	if (text == NULL) {
		if (errno == EFBIG)
			diag_add(d, path, 1, 1, DIAG_ERROR, D_TOO_BIG, "%s",
				 _("the file is too large (the limit is 1 MiB)"));
		else if (errno == EINVAL)
			diag_add(d, path, 1, 1, DIAG_ERROR, D_READ, "%s",
				 _("this is not a regular file (a folder, a device or a pipe); it is not read"));
		else
			diag_add(d, path, 1, 1, DIAG_ERROR, D_READ, _("cannot read the file: %s"),
				 strerror(errno));
	}
	return text;
}

/* Read and parse a YAML file. */
struct tree *
tree_load_yaml(struct arena *a, const char *path, struct diags *d)
{
	size_t len;
	char *text = tree_read_source(path, &len, d);
	struct tree *t;

	if (text == NULL)
		return NULL;
	t = tree_parse_yaml(a, path, text, len, d);
	free(text);
	return t;
}
