// description: Bulk first load (embedded store only): append every SUPPORTS row from SUPPORTS.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY SUPPORTS FROM 'SUPPORTS.csv' (HEADER=false)
