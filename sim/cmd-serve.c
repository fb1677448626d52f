/* cmd-serve: `waspada serve`: read the options, make the class code and the teacher's password,
 * print where pupils go (with a QR code for phones), then hand over to the browser server
 * (serve/server.js, Node with node-pty, ws and xterm.js; docs/serve.md). */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "paths.h"
#include "util.h"

#define SERVE_USAGE "waspada serve [--listen ADDR:PORT] [--class CODE] [--results DIR] [--max N] " \
		    "[--tls-cert F --tls-key F]"

struct serve_options {
	char host[64];
	long port, max;
	const char *class_code, *results, *cert, *key;
};

/* Letters and digits that cannot be mistaken for each other when read off a board. */
static const char plain_chars[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/* n random characters from plain_chars into out (NUL-terminated); false if the kernel has no
 * randomness for us (then nothing safe can be made). */
static bool
random_word(char *out, size_t n)
{
	unsigned char b[64];
	size_t i;

	if (n >= sizeof b || getrandom(b, n, 0) != (ssize_t)n)
		return false;
	/* 256 is not a multiple of 31: drop the top values so every character is equally likely. */
	for (i = 0; i < n; i++) {
		while (b[i] >= 248)
			if (getrandom(&b[i], 1, 0) != 1)
				return false;
		out[i] = plain_chars[b[i] % (sizeof plain_chars - 1)];
	}
	out[n] = '\0';
	return true;
}

/* A class code is 3-16 letters, digits, '-' or '_' (it is typed on phones and goes in files). */
static bool
class_code_ok(const char *c)
{
	size_t n = strlen(c), i;

	if (n < 3 || n > 16)
		return false;
	for (i = 0; i < n; i++)
		if (!((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= 'a' && c[i] <= 'z') ||
		      (c[i] >= '0' && c[i] <= '9') || c[i] == '-' || c[i] == '_'))
			return false;
	return true;
}

/* Split ADDR:PORT (ADDR may be empty, an IPv4 address or [IPv6]); false when malformed. */
static bool
parse_listen(const char *s, struct serve_options *o)
{
	const char *colon = strrchr(s, ':');
	char *end;
	size_t hl;
	long port;

	if (colon == NULL)
		return false;
	hl = (size_t)(colon - s);
	if (hl >= sizeof o->host)
		return false;
	memcpy(o->host, s, hl);
	o->host[hl] = '\0';
	if (hl >= 2 && o->host[0] == '[' && o->host[hl - 1] == ']') {
		memmove(o->host, o->host + 1, hl - 2);
		o->host[hl - 2] = '\0';
	}
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno != 0 || *end != '\0' || colon[1] == '\0' || port < 1 || port > 65535)
		return false;
	o->port = port;
	if (o->host[0] == '\0')
		strcpy(o->host, "0.0.0.0");
	{
		unsigned char buf[sizeof(struct in6_addr)];
		return inet_pton(AF_INET, o->host, buf) == 1 || inet_pton(AF_INET6, o->host, buf) == 1;
	}
}

/* Read serve's options; 0, or the usage error's exit status. */
static int
parse_serve(int argc, char **argv, struct serve_options *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	strcpy(o->host, "0.0.0.0");
	o->port = 8080;
	o->max = 40;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (v == NULL && a[0] == '-')
			return cmd_usage_error("serve", _("'%s' needs a value"), a);
		if (strcmp(a, "--listen") == 0) {
			if (!parse_listen(v, o))
				return cmd_usage_error("serve", _("--listen wants ADDR:PORT (like 0.0.0.0:8080), "
								  "not '%s'"), v);
		} else if (strcmp(a, "--class") == 0) {
			if (!class_code_ok(v))
				return cmd_usage_error("serve", _("a class code is 3 to 16 letters, digits, '-' "
								  "or '_', not '%s'"), v);
			o->class_code = v;
		} else if (strcmp(a, "--results") == 0) {
			o->results = v;
		} else if (strcmp(a, "--max") == 0) {
			char *end;
			errno = 0;
			o->max = strtol(v, &end, 10);
			if (errno != 0 || *end != '\0' || o->max < 1 || o->max > 500)
				return cmd_usage_error("serve", _("--max wants a number of pupils from 1 to 500, "
								  "not '%s'"), v);
		} else if (strcmp(a, "--tls-cert") == 0) {
			o->cert = v;
		} else if (strcmp(a, "--tls-key") == 0) {
			o->key = v;
		} else {
			return cmd_usage_error("serve", _("unknown option '%s'"), a);
		}
		i++;
	}
	if ((o->cert == NULL) != (o->key == NULL))
		return cmd_usage_error("serve", "%s", _("give both --tls-cert and --tls-key, or neither"));
	if (o->cert != NULL && (access(o->cert, R_OK) != 0 || access(o->key, R_OK) != 0))
		return cmd_usage_error("serve", _("cannot read the certificate or its key (%s, %s)"),
				       o->cert, o->key);
	return 0;
}

/* Print a QR code with half-block characters: two rows of modules per line of text. */
static void
print_qr(const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	int x, y, w, quiet = 2;

	if (q == NULL)
		return;
	w = q->width;
	/* Light modules are printed as blocks and dark ones as spaces, for a dark terminal;
	 * phones read the inverted code as well, and the quiet zone is drawn in blocks. */
	for (y = -quiet; y < w + quiet; y += 2) {
		printf("  ");
		for (x = -quiet; x < w + quiet; x++) {
			int top = y >= 0 && y < w && x >= 0 && x < w && (q->data[y * w + x] & 1);
			int bot = y + 1 >= 0 && y + 1 < w && x >= 0 && x < w && (q->data[(y + 1) * w + x] & 1);
			fputs(top && bot ? " " : top ? "\u2584" : bot ? "\u2580" : "\u2588", stdout);
		}
		putchar('\n');
	}
	QRcode_free(q);
}

/* Print every address pupils can open; the first one on the network is put in *first. */
static void
print_addresses(const struct serve_options *o, const char *scheme, char **first)
{
	struct ifaddrs *ifs, *i;
	char buf[INET6_ADDRSTRLEN];
	bool any = strcmp(o->host, "0.0.0.0") == 0 || strcmp(o->host, "::") == 0;

	*first = NULL;
	if (!any) {
		bool v6 = strchr(o->host, ':') != NULL;
		*first = xasprintf("%s://%s%s%s:%ld/", scheme, v6 ? "[" : "", o->host, v6 ? "]" : "", o->port);
		printf("  %s\n", *first);
		return;
	}
	if (getifaddrs(&ifs) == 0) {
		for (i = ifs; i != NULL; i = i->ifa_next) {
			if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
			    (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP))
				continue;
			inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr, buf, sizeof buf);
			printf("  %s://%s:%ld/\n", scheme, buf, o->port);
			if (*first == NULL)
				*first = xasprintf("%s://%s:%ld/", scheme, buf, o->port);
		}
		freeifaddrs(ifs);
	}
	printf("  %s://localhost:%ld/  %s\n", scheme, o->port, _("(on this machine)"));
	if (*first == NULL)
		*first = xasprintf("%s://localhost:%ld/", scheme, o->port);
}

/* waspada serve [options]: see SERVE_USAGE. */
static int
cmd_serve(int argc, char **argv, const char *lang)
{
	struct serve_options o;
	char code[8], password[16], exe[PATH_MAX], *results, *script, *modules, *url, num[32];
	const char *scheme;
	ssize_t n;
	int rc = parse_serve(argc, argv, &o);

	if (rc != 0)
		return rc;
	script = xasprintf("%s/serve/server.js", paths_data());
	modules = xasprintf("%s/serve/node_modules/node-pty", paths_data());
	if (access(script, R_OK) != 0 || access(modules, R_OK) != 0) {
		fprintf(stderr, _("waspada serve: the browser server is not set up (%s); run 'make serve' "
				  "in Waspada's folder\n"), modules);
		return EXIT_USAGE;
	}
	free(modules);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || !random_word(code, 6) || !random_word(password, 12)) {
		fprintf(stderr, "waspada serve: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	exe[n] = '\0';
	if (o.class_code == NULL)
		o.class_code = code;
	if (o.results != NULL) {
		results = xstrdup(o.results);
	} else {
		char *d = paths_user_data();
		results = xasprintf("%s/classes/%s", d, o.class_code);
		free(d);
	}
	if (paths_mkdirs(results) != 0) {
		fprintf(stderr, _("waspada serve: cannot make the class folder %s (%s)\n"), results,
			strerror(errno));
		return EXIT_USAGE;
	}
	chmod(results, 0700);
	scheme = o.cert != NULL ? "https" : "http";

	printf("%s\n", _("Waspada class server. Pupils open one of these addresses in a browser:"));
	print_addresses(&o, scheme, &url);
	printf("\n%s %s\n", _("Class code (write it on the board):"), o.class_code);
	printf("%s %s  (%s%s)\n", _("Teacher's password:"), password, url, "teacher");
	printf("%s %s\n", _("Results are saved in:"), results);
	printf("%s\n\n", _("Phones can scan this code:"));
	{
		/* The code a phone scans fills in the class code too (it is on the board anyway). */
		char *qr = xasprintf("%s?code=%s", url, o.class_code);
		print_qr(qr);
		free(qr);
	}
	printf("\n%s\n", _("Press Ctrl-C to stop the class (every answer given so far is kept)."));
	fflush(stdout);

	/* The server gets its settings from the environment, never from a pupil: it passes none
	 * of them (the password least of all) to the pupils' processes. */
	setenv("WASPADA_SERVE_HOST", o.host, 1);
	snprintf(num, sizeof num, "%ld", o.port);
	setenv("WASPADA_SERVE_PORT", num, 1);
	snprintf(num, sizeof num, "%ld", o.max);
	setenv("WASPADA_SERVE_MAX", num, 1);
	setenv("WASPADA_SERVE_CLASS", o.class_code, 1);
	setenv("WASPADA_SERVE_PASSWORD", password, 1);
	setenv("WASPADA_SERVE_RESULTS", results, 1);
	setenv("WASPADA_SERVE_BIN", exe, 1);
	if (o.cert != NULL) {
		setenv("WASPADA_SERVE_CERT", o.cert, 1);
		setenv("WASPADA_SERVE_KEY", o.key, 1);
	}
	execlp("node", "node", script, (char *)NULL);
	fprintf(stderr, _("waspada serve: cannot start node (%s); run 'make serve' in Waspada's folder\n"),
		strerror(errno));
	free(script);
	free(results);
	free(url);
	return EXIT_USAGE;
}

const struct cmd_entry cmd_serve_entry = {
	"serve", SERVE_USAGE,
	N_("Serve Waspada to a class's browsers (lab PCs, Chromebooks, phones) from this machine: "
	   "each pupil plays the chat screen in a browser and the teacher follows the class at "
	   "/teacher. Prints the addresses, the class code, the teacher's password and a QR code. "
	   "--results is the class folder (default: under the data folder), --max the most pupils "
	   "at once (40). Set up with 'make serve'; see docs/serve.md."),
	cmd_serve, 0,
};
