/* libFuzzer target: any bytes read as a whatsapp export (import-fuzz.h). */
#define READER import_whatsapp
#include "import-fuzz.h"
