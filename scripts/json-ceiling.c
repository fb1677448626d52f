/* The ceiling of `detect --json` set by its JSON writer, for `make bench`: read a transcript and
 * write, for every "SPEAKER: text" line, the record detect writes for a message with nothing in
 * it, with yajl's generator used as sim/cmd-detect.c uses it (UTF-8 checked, one fwrite a line).
 * No detector: what is left is reading lines and writing JSON.
 * Usage: json-ceiling FILE > OUT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

/* Write a key and a string value. */
static void
str(yajl_gen g, const char *key, const char *s, size_t n)
{
	yajl_gen_string(g, (const unsigned char *)key, strlen(key));
	yajl_gen_string(g, (const unsigned char *)s, n);
}

int
main(int argc, char **argv)
{
	static char line[65536];
	const char *empty[3] = {"signals", "categories", "spans"};
	const unsigned char *buf;
	yajl_gen g = yajl_gen_alloc(NULL);
	FILE *f;
	long no = 0, conv = 1;
	size_t n;

	if (argc != 2 || g == NULL || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: json-ceiling TRANSCRIPT\n");
		return 2;
	}
	yajl_gen_config(g, yajl_gen_validate_utf8, 1);
	while (fgets(line, sizeof line, f) != NULL) {
		char *colon, *end = line + strcspn(line, "\r\n");
		no++;
		*end = '\0';
		if (line[0] == '\0')
			conv++;
		char *start = line;
		if (line[0] == '[' && strstr(line, "] ") != NULL) /* a corpus line's gold label */
			start = strstr(line, "] ") + 2;
		if (line[0] == '#' || (colon = strstr(start, ": ")) == NULL)
			continue;
		yajl_gen_map_open(g);
		yajl_gen_string(g, (const unsigned char *)"conversation", 12);
		yajl_gen_integer(g, conv);
		yajl_gen_string(g, (const unsigned char *)"line", 4);
		yajl_gen_integer(g, no);
		str(g, "speaker", start, (size_t)(colon - start));
		str(g, "text", colon + 2, (size_t)(end - colon - 2));
		str(g, "stage", "none", 4);
		for (int i = 0; i < 3; i++) {
			yajl_gen_string(g, (const unsigned char *)empty[i], strlen(empty[i]));
			yajl_gen_array_open(g);
			yajl_gen_array_close(g);
		}
		yajl_gen_string(g, (const unsigned char *)"confidence", 10);
		yajl_gen_number(g, "1.0", 3);
		str(g, "explanation", "Nothing worrying here: an ordinary message.", 43);
		str(g, "lang", "en", 2);
		yajl_gen_map_close(g);
		yajl_gen_get_buf(g, &buf, &n);
		fwrite(buf, 1, n, stdout);
		putchar('\n');
		yajl_gen_clear(g);
		yajl_gen_reset(g, NULL);
	}
	fclose(f);
	yajl_gen_free(g);
	return 0;
}
