/* libFuzzer target: any bytes given to `detect` as a file: the format recognised from them (a
 * .zip through libarchive too), then read to the end. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/waspada-fuzz-import.XXXXXX";
	int fd = mkstemp(path);
	struct importer *im;
	struct import_msg m;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	im = import_open(path, NULL);
	if (im != NULL) {
		while (import_next(im, &m))
			if (m.speaker == NULL || m.text == NULL)
				__builtin_trap();
		import_close(im);
	}
	unlink(path);
	return 0;
}
