// description: Drop the re-anchoring records of these documents (recomputed whole in the same transaction: progress_anchor_write); Progress nodes are never touched
// params: document_ids:list
UNWIND $document_ids AS doc
MATCH (a:ProgressAnchor)
WHERE a.document_id = doc
DELETE a
