/* tree: a located document tree (maps, sequences, scalars) that both loaders produce,
 * so YAML and Lua scenarios are checked by one set of rules. */
#ifndef WASPADA_TREE_H
#define WASPADA_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "util.h"

enum tree_kind { TREE_SCALAR, TREE_SEQ, TREE_MAP };

struct tree {
	enum tree_kind kind;
	int line, col;       /* 1-based position in the source file */
	const char *str;     /* scalar text (always valid UTF-8) */
	bool quoted;         /* a quoted scalar is always a string, never a number or boolean */
	size_t n;            /* sequence items, or map pairs */
	struct tree **items; /* sequence: items[i]; map: key items[2i], value items[2i+1] */
};

/* Bounds every loader enforces, so a hostile file cannot exhaust the program. */
#define TREE_MAX_FILE   (1024 * 1024)  /* bytes in one scenario or lexicon file */
#define TREE_MAX_SCALAR (64 * 1024)    /* bytes in one scalar */
#define TREE_MAX_DEPTH  64             /* nesting of maps and sequences */
#define TREE_MAX_NODES  200000         /* nodes after alias expansion */
#define TREE_MAX_ALIASES 1000          /* alias uses in one file */

/* Read a source file within TREE_MAX_FILE; NULL after a located diagnostic. Freshly allocated. */
char *tree_read_source(const char *path, size_t *len, struct diags *d);
/* Parse a YAML file into a tree; problems go to diags. NULL when nothing usable. */
struct tree *tree_load_yaml(struct arena *a, const char *path, struct diags *d);
/* The same from memory (fuzzing, tests); name is used in messages. */
struct tree *tree_parse_yaml(struct arena *a, const char *name, const char *text, size_t len,
			     struct diags *d);

/* The value for key in a map, or NULL. */
struct tree *tree_get(const struct tree *map, const char *key);
const char *tree_kind_name(enum tree_kind k);

#endif
