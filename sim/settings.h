/* settings: the learner's few remembered choices (language, nickname) in
 * $XDG_CONFIG_HOME/waspada/settings, one "key=value" a line. */
#ifndef WASPADA_SETTINGS_H
#define WASPADA_SETTINGS_H

#include <stdbool.h>

/* The value of key, or NULL when it was never set. Freshly allocated. */
char *settings_get(const char *key);
/* Set key (keeping the others); written to a new file then renamed, so a crash cannot leave
 * half a file. false when it could not be saved (nothing worth stopping for). */
bool settings_set(const char *key, const char *value);

#endif
