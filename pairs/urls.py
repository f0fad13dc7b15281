app_name = "pairs"
urlpatterns: list = []
