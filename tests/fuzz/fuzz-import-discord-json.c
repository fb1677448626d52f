/* libFuzzer target: any bytes read as a discord-json export (import-fuzz.h). */
#define READER import_discord_json
#include "import-fuzz.h"
