"""Conflict news to map and timeline: the pipeline behind the dashboard.

Data flows one way: article text -> places, dates, figures -> events -> store -> filters -> map and charts.
"""
