// description: Embedded store only: storage chunks of the tables a bulk COPY first load writes (all 0: the store never held a row; graph/ladybug_store.py takes the COPY path only then, because LadybugDB corrupts a primary-key index when a COPY into a cleared table rolls back)
// params: none
CALL storage_info('Document') RETURN count(*) AS chunks
UNION ALL CALL storage_info('Task') RETURN count(*) AS chunks
UNION ALL CALL storage_info('Measure') RETURN count(*) AS chunks
UNION ALL CALL storage_info('Unit') RETURN count(*) AS chunks
UNION ALL CALL storage_info('Target') RETURN count(*) AS chunks
UNION ALL CALL storage_info('Deadline') RETURN count(*) AS chunks
UNION ALL CALL storage_info('Government') RETURN count(*) AS chunks
