/* libFuzzer target: any bytes read as a discord-csv export (import-fuzz.h). */
#define READER import_discord_csv
#include "import-fuzz.h"
