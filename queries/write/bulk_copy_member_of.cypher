// description: Bulk first load (embedded store only): append every MEMBER_OF row from MEMBER_OF.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY MEMBER_OF FROM 'MEMBER_OF.csv' (HEADER=false)
