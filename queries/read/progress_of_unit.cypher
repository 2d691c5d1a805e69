// description: Every progress update of one unit's obligations (the caller keeps the latest per obligation)
// params: unit:str
// example: unit=区财政局
MATCH (p:Progress)
WHERE p.unit = $unit
RETURN p.id AS id, p.obligation_id AS obligation_id, p.measure_id AS measure_id, p.unit AS unit, p.seq AS seq,
       p.at AS at, p.status AS status, p.text AS text, p.evidence AS evidence, p.percent AS percent,
       p.person AS person, p.agency AS agency, p.token_name AS token_name, p.source AS source,
       coalesce(p.measure_fp, '') AS measure_fp, coalesce(p.measure_text, '') AS measure_text
ORDER BY at, seq, id
