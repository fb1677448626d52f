/* libFuzzer target: any bytes read as a telegram export (import-fuzz.h). */
#define READER import_telegram
#include "import-fuzz.h"
