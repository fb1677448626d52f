/* libFuzzer target: any bytes read as a line export (import-fuzz.h). */
#define READER import_line
#include "import-fuzz.h"
