/* model: the detector's learned half. A linear classifier per class (the five stages and none,
 * and each of the 15 warning-sign categories), trained from the labelled corpus by `make train`
 * (scripts/train.c, liblinear) and read here from lua/model/waspada.model. A message's features
 * are the words the matcher made of it (words, pairs of words, pieces of words) and the context
 * the rules hand over (lexicon hits, who speaks, what this speaker showed before).
 * docs/detector.md says how the two halves combine. No Lua here: lua-api.c binds it. */
#ifndef WASPADA_MODEL_H
#define WASPADA_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "matcher.h"
#include "util.h"

struct model;

/* A feature's key in the model file (FNV-1a, 64 bits; never 0). */
uint64_t model_hash(const char *s, size_t n);
/* Read a model file; NULL with a message in *err (to free) when it cannot be used, NULL with *err
 * NULL when there is no such file. */
struct model *model_load(const char *path, char **err);
void model_free(struct model *md);
size_t model_nclasses(const struct model *md);
const char *model_class(const struct model *md, size_t i);
/* Whether the model has a weight for this feature (a lexicon signal it has seen in training). */
bool model_knows(const struct model *md, const char *feature);

/* Every feature of the matcher's last run plus the context features ctx[0..nctx), as one line of
 * space-separated strings (what `make train` learns from). */
void model_features(const struct matcher *mt, const char *const *ctx, size_t nctx, struct buf *out);
/* Score the matcher's last run with the context features: prob[i] for every class (stages:
 * normalised over the six; categories: each on its own). */
void model_score(struct model *md, const struct matcher *mt, const char *const *ctx, size_t nctx,
		 double *prob);
/* Up to max word indices (1-based, the strongest first) of the matcher's last run whose features
 * push class cls the most; returns how many. */
size_t model_evidence(struct model *md, const struct matcher *mt, size_t cls, size_t *words, size_t max);

#endif
