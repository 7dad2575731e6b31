resource "aws_s3_bucket" "data" {
  for_each = toset(["a", "b"])
  bucket   = "acme-store-${each.key}"
  /*
   * steward:suppress * Test fixture data, deleted after every run
   */
}

module "inner" {
  source = "../inner"
}
