/* settings: a tiny key=value file, read whole and rewritten whole (it holds two lines). */
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "util.h"

/* The settings file's path. */
static char *
settings_path(void)
{
	char *dir = paths_user_config(), *path;

	if (dir == NULL) /* no HOME: nothing is remembered */
		return NULL;
	path = xasprintf("%s/settings", dir);
	free(dir);
	return path;
}

/* The value of key (see settings.h). */
char *
settings_get(const char *key)
{
	char *path = settings_path(), *text, *line, *value = NULL;
	size_t len, kl = strlen(key);

	if (path == NULL)
		return NULL;

	text = read_file(path, 4096, &len);
	free(path);
	if (text == NULL)
		return NULL;
	for (line = text; line != NULL && *line != '\0';) {
		char *nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (strncmp(line, key, kl) == 0 && line[kl] == '=') {
			free(value);
			value = xstrdup(line + kl + 1);
		}
		line = nl != NULL ? nl + 1 : NULL;
	}
	free(text);
	return value;
}

/* Set one key, keeping the other lines (see settings.h). */
bool
settings_set(const char *key, const char *value)
{
	char *dir = paths_user_config(), *path = settings_path(), *tmp, *old, *line;
	size_t len, kl = strlen(key);
	struct buf b = {0};
	bool ok = false;
	FILE *f;

	if (dir == NULL || path == NULL) {
		free(dir);
		free(path);
		return false;
	}
	old = read_file(path, 4096, &len);
	for (line = old; line != NULL && *line != '\0';) {
		char *nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (!(strncmp(line, key, kl) == 0 && line[kl] == '=') && *line != '\0')
			buf_addf(&b, "%s\n", line);
		line = nl != NULL ? nl + 1 : NULL;
	}
	/* One line per value: a newline in it would make a second key. */
	buf_addf(&b, "%s=", key);
	for (const char *p = value; *p != '\0'; p++)
		if (*p != '\n' && *p != '\r')
			buf_add(&b, p, 1);
	buf_adds(&b, "\n");
	tmp = xasprintf("%s.new", path);
	if (paths_mkdirs(dir) == 0 && (f = fopen(tmp, "w")) != NULL) {
		ok = fwrite(b.s, 1, b.len, f) == b.len;
		ok &= fclose(f) == 0;
		ok = ok && rename(tmp, path) == 0;
	}
	free(tmp);
	free(old);
	buf_free(&b);
	free(dir);
	free(path);
	return ok;
}
