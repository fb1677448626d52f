/* paths: one place that knows the file system layout, source tree and installed alike. */
#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#ifndef WASPADA_DATADIR
#define WASPADA_DATADIR "/usr/local/share/waspada"
#endif
#ifndef WASPADA_LOCALEDIR
#define WASPADA_LOCALEDIR "/usr/local/share/locale"
#endif

static char *data_dir;
static char *locale_dir;

/* true when dir looks like a Waspada data folder (it has the detector). */
static int
is_data_dir(const char *dir)
{
	char *p = xasprintf("%s/lua/detector.lua", dir);
	int ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

/* Decide where data and translations are, once. */
void
paths_init(void)
{
	const char *env = getenv("WASPADA_DATADIR");
	char exe[PATH_MAX], *slash;
	ssize_t n;
	int up;

	free(data_dir);
	free(locale_dir);
	data_dir = locale_dir = NULL;
	if (env != NULL && *env != '\0') {
		data_dir = xstrdup(env);
		locale_dir = xasprintf("%s/build/locale", env);
		if (access(locale_dir, R_OK) != 0) {
			free(locale_dir);
			locale_dir = xstrdup(WASPADA_LOCALEDIR);
		}
		return;
	}
	/* A binary run from its build folder (build/ or build/san/) uses the tree it was built in,
	 * so `make run` and the tests never need an install. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (up = 0; up < 3 && (slash = strrchr(exe, '/')) != NULL; up++) {
			*slash = '\0';
			if (up > 0 && is_data_dir(exe)) {
				data_dir = xstrdup(exe);
				locale_dir = xasprintf("%s/build/locale", exe);
				return;
			}
		}
	}
	data_dir = xstrdup(WASPADA_DATADIR);
	locale_dir = xstrdup(WASPADA_LOCALEDIR);
}

/* The folder with lua/, scenarios/ and data/. */
const char *
paths_data(void)
{
	return data_dir ? data_dir : WASPADA_DATADIR;
}

/* The folder with compiled translations. */
const char *
paths_locale(void)
{
	return locale_dir ? locale_dir : WASPADA_LOCALEDIR;
}

/* An XDG base folder with Waspada's name under it; NULL when neither the variable nor HOME
 * says where (a shared fallback such as /tmp would mix learners' results and let anyone
 * plant a file there). */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *x = getenv(var), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/waspada", x);
	if (home == NULL || home[0] != '/')
		return NULL;
	return xasprintf("%s/%s/waspada", home, fallback);
}

/* Where a learner's results are kept. */
char *
paths_user_data(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

/* Where a learner's settings (language, nickname) are kept. */
char *
paths_user_config(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

/* Create a folder and its parents. */
int
paths_mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (rc == 0) {
		struct stat st;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			rc = -1;
		}
	}
	free(p);
	return rc;
}

/* Add the wanted files under dir to v. A symlink to a folder is never followed (three `ln -s .`
 * links counted one results file 9,841 times), and only regular files are kept (a FIFO named
 * *.jsonl hung report); the depth limit stays as a last bound. */
static void
collect(const char *dir, bool (*want)(const char *), char ***v, size_t *n, size_t *cap, int depth)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	if (dp == NULL || depth > 8) {
		if (dp != NULL)
			closedir(dp);
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		struct stat st;
		char *p;
		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			collect(p, want, v, n, cap, depth + 1);
			free(p);
		} else if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && want(e->d_name)) {
			GROW(*v, *cap, *n + 1);
			(*v)[(*n)++] = p;
		} else {
			free(p);
		}
	}
	closedir(dp);
}

/* qsort order for paths. */
static int
cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The wanted files under dir (recursively), sorted. */
char **
paths_find(const char *dir, bool (*want)(const char *name), size_t *n)
{
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	collect(dir, want, &v, n, &cap, 0);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_paths);
	return v;
}

