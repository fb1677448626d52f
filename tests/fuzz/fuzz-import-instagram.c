/* libFuzzer target: any bytes read as a instagram export (import-fuzz.h). */
#define READER import_instagram
#include "import-fuzz.h"
