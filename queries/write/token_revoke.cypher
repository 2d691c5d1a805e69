// description: Revoke a token (kept, so the names in the progress history stay explained)
// params: id:str, at:str
MATCH (t:Token {id: $id})
WHERE t.revoked = false
SET t.revoked = true, t.revoked_at = $at
