/* cmd-new: `waspada new NAME`: write a commented scenario to start from (data/templates/). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "paths.h"
#include "catalog.h"

/* Replace every {{KEY}} in text with its value. */
static char *
fill(const char *text, const char *const *keys, const char *const *values, size_t n)
{
	struct buf b = {0};
	const char *p = text;

	while (*p != '\0') {
		size_t i;
		if (p[0] == '{' && p[1] == '{') {
			for (i = 0; i < n; i++) {
				size_t kl = strlen(keys[i]);
				if (strncmp(p + 2, keys[i], kl) == 0 && strncmp(p + 2 + kl, "}}", 2) == 0) {
					buf_adds(&b, values[i]);
					p += kl + 4;
					break;
				}
			}
			if (i < n)
				continue;
		}
		buf_add(&b, p, 1);
		p++;
	}
	return b.s ? b.s : xstrdup("");
}

/* NAME as the inside of a YAML double-quoted string: a quote or a backslash escaped, control
 * characters as \xNN (a name with quotes made a file that failed its own check). Freshly
 * allocated. */
static char *
yaml_escape(const char *s)
{
	struct buf b = {0};

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_addf(&b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			buf_addf(&b, "\\x%02x", c);
		else
			buf_add(&b, s, 1);
	}
	return b.s ? b.s : xstrdup("");
}

/* An id from the file name: lower-case letters, digits and dashes. */
static char *
id_from_name(const char *name)
{
	const char *base = strrchr(name, '/');
	char *id = xstrdup(base ? base + 1 : name), *p, *dot;

	if ((dot = strrchr(id, '.')) != NULL && dot != id)
		*dot = '\0';
	for (p = id; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			*p = '-';
	}
	return id;
}

/* waspada new NAME [--lang id|en] [--platform game|chatroom|messenger] */
static int
cmd_new(int argc, char **argv, const char *given_lang)
{
	static const char *const keys[] = {"ID", "TITLE", "PLATFORM", "PLACE"};
	/* The words' language is the template's: --lang's when given (cmd.c has set it). */
	const char *name = NULL, *lang = i18n_lang(), *platform = "game", *values[4], *place;
	char *tpath, *text, *out, *id, *path, *title;
	size_t len;
	int i, fd;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--platform") == 0 && i + 1 < argc)
			platform = argv[++i];
		else if (argv[i][0] == '-')
			return cmd_usage_error("new", _("unknown option '%s'"), argv[i]);
		else if (name != NULL)
			return cmd_usage_error("new", "%s", _("give one NAME"));
		else
			name = argv[i];
	}
	if (name == NULL)
		return cmd_usage_error("new", "%s", _("give the new scenario a NAME, such as my-scenario"));
	if (utf8_valid_prefix(name, strlen(name)) != strlen(name))
		return cmd_usage_error("new", "%s", _("the NAME is not valid UTF-8 text"));
	if (strcmp(platform, "game") == 0)
		place = strcmp(lang, "id") == 0 ? "Dunia Balok - server Pelangi" : "Blockhaven - server Rainbow";
	else if (strcmp(platform, "chatroom") == 0)
		place = strcmp(lang, "id") == 0 ? "Ruang Obrol Anime Indonesia" : "Anime Fans chat room";
	else if (strcmp(platform, "messenger") == 0)
		place = "TalkTown";
	else
		return cmd_usage_error("new", _("--platform must be game, chatroom or messenger, not '%s'"),
				       platform);
	tpath = xasprintf("%s/data/templates/%s.yaml", paths_data(), lang);
	text = read_file(tpath, 1 << 20, &len);
	if (text == NULL) {
		fprintf(stderr, "%s:1:1: error: %s: %s\n", tpath, _("cannot read"), strerror(errno));
		free(tpath);
		return EXIT_USAGE;
	}
	id = id_from_name(name);
	path = catalog_is_scenario_file(name) ? xstrdup(name) : xasprintf("%s.yaml", name);
	values[0] = id;
	title = yaml_escape(name);
	values[1] = title;
	values[2] = platform;
	values[3] = place;
	out = fill(text, keys, values, 4);
	/* O_EXCL: never overwrite a teacher's work. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0 || write(fd, out, strlen(out)) != (ssize_t)strlen(out)) {
		fprintf(stderr, _("waspada new: cannot write %s: %s\n"), path,
			errno == EEXIST ? _("it already exists") : strerror(errno));
		if (fd >= 0)
			close(fd);
		i = EXIT_USAGE;
	} else {
		close(fd);
		printf(_("Wrote %s. Next: edit it, then run 'waspada check %s' and 'waspada play %s'.\n"),
		       path, path, path);
		i = 0;
	}
	free(out);
	free(title);
	free(path);
	free(id);
	free(text);
	free(tpath);
	return i;
}

const struct cmd_entry cmd_new_entry = {
	"new", "waspada new NAME [--lang id|en] [--platform game|chatroom|messenger]",
	N_("Write a new, commented scenario file to start from."),
	cmd_new, CMD_LANG,
};
