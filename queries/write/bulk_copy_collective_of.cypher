// description: Bulk first load (embedded store only): append every COLLECTIVE_OF row from COLLECTIVE_OF.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY COLLECTIVE_OF FROM 'COLLECTIVE_OF.csv' (HEADER=false)
