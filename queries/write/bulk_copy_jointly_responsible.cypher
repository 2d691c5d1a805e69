// description: Bulk first load (embedded store only): append every JOINTLY_RESPONSIBLE row from JOINTLY_RESPONSIBLE.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY JOINTLY_RESPONSIBLE FROM 'JOINTLY_RESPONSIBLE.csv' (HEADER=false)
