/* The ceiling of `detect --json` set by its JSON library, for `make bench`: read a transcript and
 * write, for every "SPEAKER: text" line, the record detect writes for a message with nothing in
 * it, with jansson used exactly as sim/cmd-detect.c uses it (one object updated in place, one
 * fwrite a line). No detector: what is left is reading lines and writing JSON.
 * Usage: json-ceiling FILE > OUT */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	static char line[65536], out[262144];
	const size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(3) | JSON_PRESERVE_ORDER;
	json_t *o = json_object(), *v[11];
	const char *keys[11] = {"conversation", "line", "speaker", "text", "stage", "signals",
				"categories", "spans", "confidence", "explanation", "lang"};
	FILE *f;
	long no = 0, conv = 1;
	int i;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: json-ceiling TRANSCRIPT\n");
		return 2;
	}
	for (i = 0; i < 11; i++) {
		v[i] = i < 2 ? json_integer(0) : i >= 5 && i <= 7 ? json_array() : i == 8 ? json_real(1) :
								    json_string("");
		json_object_set_new(o, keys[i], v[i]);
	}
	json_string_set(v[4], "none");
	json_string_set(v[9], "Nothing worrying here: an ordinary message.");
	json_string_set(v[10], "en");
	while (fgets(line, sizeof line, f) != NULL) {
		char *colon, *end = line + strcspn(line, "\r\n");
		size_t n;
		no++;
		*end = '\0';
		if (line[0] == '\0')
			conv++;
		char *start = line;
		if (line[0] == '[' && strstr(line, "] ") != NULL) /* a corpus line's gold label */
			start = strstr(line, "] ") + 2;
		if (line[0] == '#' || (colon = strstr(start, ": ")) == NULL)
			continue;
		json_integer_set(v[0], conv);
		json_integer_set(v[1], no);
		json_string_setn(v[2], start, (size_t)(colon - start));
		json_string_setn(v[3], colon + 2, (size_t)(end - colon - 2));
		n = json_dumpb(o, out, sizeof out - 1, flags);
		if (n < sizeof out - 1) {
			out[n] = '\n';
			fwrite(out, 1, n + 1, stdout);
		}
	}
	fclose(f);
	json_decref(o);
	return 0;
}
