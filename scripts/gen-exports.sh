#!/bin/sh
# Make large chat exports for `make bench` (issue 15's memory bound): a WhatsApp .txt of about
# WA_MB megabytes and a Telegram result.json of about TG_MB, from a block of made-up messages
# repeated. Usage: gen-exports.sh DIR WA_MB TG_MB (files already the right size are kept).
set -eu
D=$1 WA_MB=$2 TG_MB=$3
mkdir -p "$D"
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
WA=$D/whatsapp.txt TG=$D/telegram.json
if [ "$(size "$WA")" -lt $((WA_MB * 1000000)) ]; then
	# one block: a day of chat in Android Indonesian form, with multi-line, media and system lines
	awk 'BEGIN {
		srand(7)
		printf "21/07/26 16.05 - Pesan dan panggilan terenkripsi secara end-to-end.\n"
		for (i = 0; i < 20000; i++) {
			h = int(i / 60) % 24; m = i % 60
			who = (i % 3 == 0) ? "Andi" : "Sam"
			if (i % 50 == 0) { printf "%02d/07/26 %02d.%02d - %s: <Media tidak disertakan>\n", 1 + i % 28, h, m, who; continue }
			printf "%02d/07/26 %02d.%02d - %s: pesan nomor %d, lagi apa? nanti main bareng ya\n", 1 + i % 28, h, m, who, i
			if (i % 7 == 0) printf "baris kedua dari pesan %d\n", i
		}
	}' >"$D/wa-block.txt"
	: >"$WA"
	while [ "$(size "$WA")" -lt $((WA_MB * 1000000)) ]; do cat "$D/wa-block.txt" "$D/wa-block.txt" "$D/wa-block.txt" "$D/wa-block.txt" >>"$WA"; done
fi
if [ "$(size "$TG")" -lt $((TG_MB * 1000000)) ]; then
	awk 'BEGIN {
		for (i = 0; i < 5000; i++) {
			printf " {\n  \"id\": %d,\n  \"type\": \"message\",\n  \"date\": \"2026-07-21T16:%02d:%02d\",\n", i, i % 60, i % 60
			printf "  \"date_unixtime\": \"1784624712\",\n  \"from\": \"%s\",\n  \"from_id\": \"user%d\",\n", (i % 3 ? "Sam" : "Andi"), i % 3
			if (i % 4 == 0)
				printf "  \"text\": [\n   \"lihat \",\n   {\"type\": \"link\", \"text\": \"https://example.org\"},\n   \" ini %d\"\n  ],\n", i
			else
				printf "  \"text\": \"pesan nomor %d, lagi apa? nanti main bareng ya\",\n", i
			printf "  \"text_entities\": [{\"type\": \"plain\", \"text\": \"pesan\"}]\n },\n"
		}
	}' >"$D/tg-block.json"
	printf '{\n "name": "Andi",\n "type": "personal_chat",\n "id": 1,\n "messages": [\n' >"$TG"
	while [ "$(size "$TG")" -lt $((TG_MB * 1000000)) ]; do cat "$D/tg-block.json" "$D/tg-block.json" "$D/tg-block.json" "$D/tg-block.json" >>"$TG"; done
	printf ' {\n  "id": 0,\n  "type": "message",\n  "date": "2026-07-22T09:00:00",\n  "from": "Andi",\n  "from_id": "user0",\n  "text": "selesai"\n }\n ]\n}\n' >>"$TG"
fi
