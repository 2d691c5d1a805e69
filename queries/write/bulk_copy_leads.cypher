// description: Bulk first load (embedded store only): append every LEADS row from LEADS.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY LEADS FROM 'LEADS.csv' (HEADER=false)
