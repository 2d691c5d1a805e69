// description: The progress history of one obligation (MEASURE_ID|UNIT), oldest first; the last row is the current status
// params: obligation_id:str
// example: obligation_id=xiqing-2022:4.1|区财政局
MATCH (p:Progress)
WHERE p.obligation_id = $obligation_id
RETURN p.id AS id, p.obligation_id AS obligation_id, p.measure_id AS measure_id, p.unit AS unit, p.seq AS seq,
       p.at AS at, p.status AS status, p.text AS text, p.evidence AS evidence, p.percent AS percent,
       p.person AS person, p.agency AS agency, p.token_name AS token_name, p.source AS source,
       coalesce(p.measure_fp, '') AS measure_fp, coalesce(p.measure_text, '') AS measure_text
ORDER BY at, seq, id
