/* paths: where Waspada's data, translations and a learner's files live. */
#ifndef WASPADA_PATHS_H
#define WASPADA_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Find the data: $WASPADA_DATADIR, else the source tree the binary was built in, else the
 * installed share/waspada. Call once at start. */
void paths_init(void);
const char *paths_data(void);      /* holds lua/, scenarios/, data/ */
const char *paths_locale(void);    /* holds LANG/LC_MESSAGES/waspada.mo */
/* $XDG_DATA_HOME/waspada (default ~/.local/share/waspada); not created here. Freshly allocated. */
char *paths_user_data(void);
/* $XDG_CONFIG_HOME/waspada (default ~/.config/waspada); not created here. Freshly allocated. */
char *paths_user_config(void);
/* Files under dir (recursively) whose name want() accepts, sorted; freshly allocated. */
char **paths_find(const char *dir, bool (*want)(const char *name), size_t *n);
/* mkdir -p; 0 or -1 with errno. */
int paths_mkdirs(const char *dir);

#endif
